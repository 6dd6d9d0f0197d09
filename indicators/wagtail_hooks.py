from wagtail import hooks

from indicators.audit import PATHWAY_ACTIONS


@hooks.register("register_log_actions")
def register_pathway_actions(actions):
    for name, (label, message) in PATHWAY_ACTIONS.items():
        actions.register_action(name, label, message)
