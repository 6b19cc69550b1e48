"""Organisation (M1): units, departments, posts, people and who holds which post when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from tree_queries.fields import TreeNodeForeignKey
from tree_queries.query import TreeManager, TreeQuerySet


class _TreeManager(TreeManager.from_queryset(TreeQuerySet)):  # type: ignore[misc]
    """Subtree and ancestor queries (recursive CTEs) from django-tree-queries."""

    _with_tree_fields = False


class Status(models.TextChoices):
    ACTIVE = "active", _("正常")
    MERGED = "merged", _("已合并")
    CLOSED = "closed", _("已撤销")


class Unit(models.Model):
    """An organisation. Units form one tree: province → city → district/county → township/street
    → village/community, with the organs and institutions of each level under its region."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("省级")
        CITY = "city", _("市级")
        COUNTY = "county", _("县（区）级")
        TOWNSHIP = "township", _("乡镇（街道）级")
        VILLAGE = "village", _("村（社区）级")

    class Kind(models.TextChoices):
        REGION = "region", _("行政区域")
        PARTY = "party", _("党的机关")
        CONGRESS = "congress", _("人大机关")
        GOVERNMENT = "government", _("行政机关")
        CPPCC = "cppcc", _("政协机关")
        COURT = "court", _("审判机关")
        PROCURATORATE = "procuratorate", _("检察机关")
        MASS_ORG = "mass_org", _("人民团体")
        INSTITUTION = "institution", _("事业单位")
        SOE = "soe", _("国有企业")
        VILLAGE = "village", _("村/社区")
        NEW_ORG = "new_org", _("“两新”组织")

    parent = TreeNodeForeignKey(
        "self",
        verbose_name=_("上级单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(_("单位编码"), max_length=32, unique=True)
    name = models.CharField(_("单位名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    kind = models.CharField(_("单位性质"), max_length=15, choices=Kind.choices)
    main_leader = models.ForeignKey["Person | None", "Person | None"](
        "Person",
        verbose_name=_("主要领导"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_units",
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default="active")
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("并入单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_units",
    )
    position = models.PositiveIntegerField(_("排序"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = _TreeManager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        indexes = [models.Index(fields=["parent", "position", "code"])]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """An office (处/科/股室) inside a unit; offices may have sub-offices."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="departments"
    )
    parent = TreeNodeForeignKey(
        "self",
        verbose_name=_("上级内设机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(_("内设机构编码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    leader_in_charge = models.ForeignKey["Person | None", "Person | None"](
        "Person",
        verbose_name=_("分管领导"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised_departments",
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default="active")
    position = models.PositiveIntegerField(_("排序"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = _TreeManager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("内设机构")
        verbose_name_plural = _("内设机构")

    def __str__(self) -> str:
        return self.name


class Rank(models.Model):
    """职级, ordered from lowest to highest (办事员 … 正厅级); administrators may add levels."""

    code = models.SlugField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=30, unique=True)
    order = models.PositiveSmallIntegerField(_("高低顺序"), unique=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("职级")
        verbose_name_plural = _("职级")

    def __str__(self) -> str:
        return self.name


class KeyPostKind(models.Model):
    """The five kinds of key post (重点岗位) of the Hubei seed."""

    code = models.SlugField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=30, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("重点岗位类别")
        verbose_name_plural = _("重点岗位类别")

    def __str__(self) -> str:
        return self.name


class Post(models.Model):
    """A position with duties (岗位职责). `unit` is the department's unit, or the unit itself for
    posts outside any office (the unit's leaders)."""

    code = models.CharField(_("岗位编码"), max_length=40, unique=True)
    name = models.CharField(_("岗位名称"), max_length=100)
    unit = models.ForeignKey(
        Unit, verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="posts"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("所属内设机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="posts",
    )
    duties = models.TextField(_("岗位职责"), blank=True)
    rank = models.ForeignKey(
        Rank, verbose_name=_("职级"), on_delete=models.PROTECT, related_name="posts"
    )
    key_kinds = models.ManyToManyField(
        KeyPostKind, verbose_name=_("重点岗位类别"), blank=True, related_name="posts"
    )
    headcount = models.PositiveSmallIntegerField(_("编制人数"), default=1)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default="active")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A cadre. `unit`, `department` and `post` mirror the current primary assignment (kept by
    the services) so that scope filters are simple indexed lookups."""

    class Gender(models.TextChoices):
        MALE = "male", _("男")
        FEMALE = "female", _("女")

    class PoliticalStatus(models.TextChoices):
        CPC = "cpc", _("中共党员")
        CPC_PROBATIONARY = "cpc_probationary", _("中共预备党员")
        CYL = "cyl", _("共青团员")
        DEMOCRATIC_PARTY = "democratic_party", _("民主党派成员")
        NON_PARTY = "non_party", _("无党派人士")
        MASSES = "masses", _("群众")

    code = models.CharField(_("人员编号"), max_length=32, unique=True)
    name = models.CharField(_("姓名"), max_length=50, db_index=True)
    gender = models.CharField(_("性别"), max_length=6, choices=Gender.choices)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    id_number_encrypted = models.TextField(blank=True, editable=False)
    id_number_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    id_number_masked = models.CharField(_("身份证号"), max_length=18, blank=True, editable=False)
    political_status = models.CharField(
        _("政治面貌"), max_length=20, choices=PoliticalStatus.choices, default="masses"
    )
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登录账户"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("所在单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("所在内设机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    post = models.ForeignKey(
        Post,
        verbose_name=_("主要岗位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="primary_holders",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("人员")
        verbose_name_plural = _("人员")

    def __str__(self) -> str:
        return self.name


class Assignment(models.Model):
    """A person holding a post from `start_date` until `end_date` (open while serving). At most
    one open primary assignment per person; the others are concurrent posts (兼职)."""

    person = models.ForeignKey(
        Person, verbose_name=_("人员"), on_delete=models.PROTECT, related_name="assignments"
    )
    post = models.ForeignKey(
        Post, verbose_name=_("岗位"), on_delete=models.PROTECT, related_name="assignments"
    )
    start_date = models.DateField(_("任职开始"))
    end_date = models.DateField(_("任职结束"), null=True, blank=True)
    is_primary = models.BooleanField(_("主要岗位"), default=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("任职")
        verbose_name_plural = _("任职")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(is_primary=True, end_date__isnull=True),
                name="one_open_primary_assignment",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="assignment_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["post", "end_date"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.post}"


class ImportJob(models.Model):
    """One upload of the organisation workbook (Excel 导入): its progress while the worker reads
    and checks it, then either the counts written or every bad row. The uploaded file is deleted
    once the job ends (it may hold plain ID numbers)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("处理中")
        SUCCEEDED = "succeeded", _("导入成功")
        FAILED = "failed", _("导入失败")

    file = models.FileField(_("文件"), upload_to="org-imports/%Y/%m/", blank=True)
    file_name = models.CharField(_("文件名"), max_length=255)
    status = models.CharField(_("状态"), max_length=10, choices=State.choices, default="queued")
    total_rows = models.PositiveIntegerField(_("总行数"), default=0)
    processed_rows = models.PositiveIntegerField(_("已处理行数"), default=0)
    errors = models.JSONField(_("错误报告"), default=list, blank=True)
    result = models.JSONField(_("导入结果"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        on_delete=models.PROTECT,
        related_name="org_import_jobs",
    )
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")

    def __str__(self) -> str:
        return self.file_name


# the tables a bulk load or import fills (their planner statistics are refreshed afterwards)
ORG_TABLES = [m._meta.db_table for m in (Unit, Department, Post, Person, Assignment)]
