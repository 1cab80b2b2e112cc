"""Input problems that stop a file from being read (the GL9xx family).

Loaders raise :class:`LoadError`; the runner turns it into a GL9xx
diagnostic for that file and goes on with the next one.  Messages are given
in Chinese and English up front because loaders run before the language of
the run matters to them.
"""
from __future__ import annotations

# code -> (name, Chinese title, English title)
INPUT_CODES: dict[str, tuple[str, str, str]] = {
    "GL901": ("unreadable-file", "文件无法读取", "file cannot be read"),
    "GL902": ("unsupported-format", "不支持的文件格式", "unsupported file format"),
    "GL903": ("unknown-encoding", "无法识别文件编码", "cannot detect the text encoding"),
    "GL904": ("file-too-large", "文件超出大小限制", "file exceeds the size limit"),
    "GL905": ("parse-failure", "解析失败", "parse failure"),
    "GL906": ("no-text-layer", "PDF 没有文字层", "PDF has no text layer"),
    "GL907": ("plugin-error", "插件出错", "plugin error"),
    "GL908": ("resource-limit", "超出资源限制", "resource limit exceeded"),
    "GL909": ("not-a-report", "未识别为政府信息公开年度报告", "not recognised as an annual report"),
}


class LoadError(Exception):
    """A file could not be turned into a Document.

    ``zh`` and ``en`` are complete one-line explanations for an officer,
    e.g. "文件为空（0 字节）" / "the file is empty (0 bytes)".
    """

    def __init__(self, code: str, zh: str, en: str):
        super().__init__(en)
        self.code = code
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        """The explanation in the user's language (anything but "zh" gets English)."""
        return self.zh if lang == "zh" else self.en
