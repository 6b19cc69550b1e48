"""Chinese text for the "3+X" matcher: jieba segmentation (search mode, so that a compound such
as 财政资金 also yields 财政 and 资金) with the libraries' keywords added to the dictionary, and
a stop-word list of the words every 岗位职责 sheet uses.

jieba builds its prefix dictionary (about a second) the first time it is used; that happens once
per process, lazily, under a lock. Its cache file goes to DATA_DIR/jieba (or a private temporary
directory when that is not writable), never to a shared /tmp path that someone else could plant
a file in: jieba loads that cache with `marshal`."""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

import jieba
from django.conf import settings

# Words that carry no risk meaning: grammar, and the stock phrases of duty sheets and templates.
_STOP_WORDS = """
    的 了 和 与 及 以及 或 或者 等 等等 对 为 在 把 被 将 从 由 向 于 按 按照 根据 依据 依照
    通过 利用 使 让 并 且 而 也 都 其 之 所 该 本 各 每 全 个 是 有 无 不 未 没有 非 已 已经
    我 你 他 她 它 我们 这 那 此 这些 那些 其中 以 以上 以下 之间 一 二 三 一次 一些 一般
    负责 承担 协助 参与 参加 做好 开展 组织 落实 完成 办理 处理 进行 实施 加强 推进 提高
    确保 保证 做到 积极 建立 健全 完善 执行 贯彻 指导 督促 配合 统筹 协调 研究 提出 拟定
    起草 牵头 主持 分管 具体 及时 认真 严格 按时 全面 主要 重要 相关 有关 其他 日常 各项
    事项 事务 业务 情况 问题 方面 内容 规定 要求 制度 管理 工作 单位 部门 科室 岗位 职责
    领导 交办 上级 下级 本人 人员 同志 年度 年 月 日 时 期间 范围 领域 方式 形式 程序
    造成 导致 存在 可能 影响 明显 长期 多次 反复 一律 按规定 不得 应当 需要 能够 以及时
    不严 不够 不足 缺少 缺乏 不到位 不规范 不落实 不明确 不健全 较 较多 较大 过 后 前 中
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

_KEEP = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]+$")
_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None
_added: set[str] = set()


def _cache_dir() -> str:
    for candidate in (Path(settings.DATA_DIR) / "jieba", _private_tmp()):
        try:
            candidate.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError:
            continue
        if os.access(candidate, os.W_OK):
            return str(candidate)
    return tempfile.mkdtemp(prefix="lianjing-jieba-")


def _private_tmp() -> Path:
    return Path(tempfile.gettempdir()) / f"lianjing-jieba-{os.getuid()}"


def tokenizer() -> jieba.Tokenizer:
    """The process's tokenizer, its dictionary loaded on first use."""
    global _tokenizer
    if _tokenizer is not None:
        return _tokenizer
    with _lock:
        if _tokenizer is None:
            jieba.setLogLevel(logging.WARNING)
            instance = jieba.Tokenizer()
            instance.tmp_dir = _cache_dir()
            instance.initialize()
            _tokenizer = instance
    return _tokenizer


def add_words(words: Iterable[str]) -> None:
    """Make the libraries' keywords whole words of the dictionary (once each)."""
    new = [w for w in words if len(w) > 1 and w not in _added and _KEEP.match(w)]
    if not new:
        return
    instance = tokenizer()
    with _lock:
        for word in new:
            if word not in _added:
                instance.add_word(word)
                _added.add(word)


def terms(text: str) -> list[str]:
    """The meaningful words of a text, in order, repeated as often as they occur."""
    if not text:
        return []
    return [
        word
        for word in tokenizer().lcut_for_search(text)
        if len(word) > 1 and word not in STOP_WORDS and _KEEP.match(word)
    ]
