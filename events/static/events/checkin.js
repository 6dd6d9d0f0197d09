// Ticks without reloading the page: one POST per tick, idempotent on the server, so a tick that could not
// be sent (no network at the door) is kept and sent again when the phone is back online. Without JS, the
// form posts normally.
(function () {
  var pending = [];
  function send(form) {
    var button = form.querySelector("button");
    button.disabled = true;
    return fetch(form.action, {method: "POST", body: new FormData(form), headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) { button.disabled = false; button.setAttribute("title", (body.error && body.error.message) || ""); return; }
          var done = document.createElement("span");
          done.className = "checked";
          done.textContent = "✓";
          form.replaceWith(done);
        });
      })
      .catch(function () {
        button.textContent = "…";
        if (pending.indexOf(form) < 0) pending.push(form);
      });
  }
  function retry() {
    var waiting = pending;
    pending = [];
    waiting.forEach(send);
  }
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.classList || !form.classList.contains("tick")) return;
    e.preventDefault();
    send(form);
  });
  window.addEventListener("online", retry);
  setInterval(function () { if (pending.length) retry(); }, 10000);
})();
