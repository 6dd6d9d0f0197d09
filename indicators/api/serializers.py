from rest_framework import serializers

from indicators.models import Pathway, PathwayStatus, Sector


class IndicatorHeadlineSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    value = serializers.FloatField(allow_null=True, help_text="null: a small count, shown as “< 5”")
    previous = serializers.FloatField(allow_null=True)
    target = serializers.FloatField(allow_null=True)
    percent = serializers.BooleanField()


class IndicatorRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    values = serializers.ListField(child=serializers.FloatField(allow_null=True), help_text="null: suppressed (< 5)")


class IndicatorTableSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    percent_columns = serializers.ListField(child=serializers.IntegerField())
    rows = IndicatorRowSerializer(many=True)


class IndicatorSectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    tables = IndicatorTableSerializer(many=True)


class IndicatorPeriodSerializer(serializers.Serializer):
    kind = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField(help_text="last day, inclusive")


class IndicatorsSerializer(serializers.Serializer):
    association = serializers.CharField()
    sites = serializers.ListField(child=serializers.CharField())
    period = IndicatorPeriodSerializer()
    previous = IndicatorPeriodSerializer()
    headlines = IndicatorHeadlineSerializer(many=True)
    sections = IndicatorSectionSerializer(many=True)


class PathwaySerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.public_name", read_only=True)
    site = serializers.CharField(source="section.name", read_only=True)
    recorded_by_name = serializers.SerializerMethodField()

    class Meta:
        model = Pathway
        fields = [
            "id",
            "member",
            "member_name",
            "site",
            "status",
            "sector",
            "partner",
            "started_on",
            "poll",
            "recorded_by_name",
            "recorded_at",
        ]
        read_only_fields = ["member", "poll"]

    def get_recorded_by_name(self, obj) -> str | None:
        return obj.recorded_by.public_name if obj.recorded_by else None


class PathwayWriteSerializer(serializers.Serializer):
    member = serializers.IntegerField(help_text="user id of the youth")
    status = serializers.ChoiceField(choices=PathwayStatus.choices)
    sector = serializers.ChoiceField(choices=Sector.choices, required=False, allow_blank=True, default="")
    partner = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    started_on = serializers.DateField()
    poll = serializers.IntegerField(required=False, allow_null=True, default=None)


class PathwayPatchSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=PathwayStatus.choices, required=False)
    sector = serializers.ChoiceField(choices=Sector.choices, required=False, allow_blank=True)
    partner = serializers.CharField(max_length=150, required=False, allow_blank=True)
    started_on = serializers.DateField(required=False)
