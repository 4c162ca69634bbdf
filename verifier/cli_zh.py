"""The command line in Chinese: help headings, the help option, and usage errors as a clerk reads them.

Click and Typer print their own words in English; these classes and `usage_error_text` put them in Chinese
without touching what a command does.
"""

from __future__ import annotations

import re

import typer.rich_utils as rich_utils
from typer._click import exceptions as errors  # Typer carries its own Click; its errors are these classes
from typer._click.core import Context
from typer.core import TyperCommand, TyperGroup, TyperOption

HELP_TEXT = "显示帮助并退出"
HELP_OPTIONS = ["-h", "--help"]
CONTEXT = {"help_option_names": HELP_OPTIONS}

rich_utils.ARGUMENTS_PANEL_TITLE = "参数"
rich_utils.OPTIONS_PANEL_TITLE = "选项"
rich_utils.COMMANDS_PANEL_TITLE = "命令"
rich_utils.ERRORS_PANEL_TITLE = "错误"
rich_utils.ABORTED_TEXT = "已中断。"
rich_utils.DEFAULT_STRING = "[默认：{}]"
rich_utils.REQUIRED_LONG_STRING = "[必填]"
rich_utils.ENVVAR_STRING = "[环境变量：{}]"
rich_utils.RICH_HELP = "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。"


def _zh_usage(text: str) -> str:
    for english, chinese in (("Usage:", "用法："), ("[OPTIONS]", "[选项]"), ("COMMAND [ARGS]...", "命令 [参数]...")):
        text = text.replace(english, chinese)
    return text


class _Chinese:
    """Mixed into Typer's command classes: the help option and the usage line in Chinese."""

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option

    def get_usage(self, ctx: Context) -> str:
        return _zh_usage(super().get_usage(ctx))  # type: ignore[misc]


class ChineseGroup(_Chinese, TyperGroup):
    pass


class ChineseCommand(_Chinese, TyperCommand):
    pass


# Click's own value messages, as the types it raises them from word them.
_VALUE_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?:File|Path|Directory) '(.*)' does not exist\.?$", re.I), "路径「{0}」不存在"),
    (re.compile(r"^(?:File|Path) '(.*)' is a directory\.?$", re.I), "「{0}」是文件夹，这里需要文件"),
    (re.compile(r"^Directory '(.*)' is a file\.?$", re.I), "「{0}」是文件，这里需要文件夹"),
    (re.compile(r"^Input should be greater than or equal to (\S+)$"), "须不小于 {0}"),
    (re.compile(r"^Input should be less than or equal to (\S+)$"), "须不大于 {0}"),
    (re.compile(r"^Input should be a valid integer.*$"), "须为整数"),
    (re.compile(r"^Input should be a valid number.*$"), "须为数字"),
    (re.compile(r"^'(.*)' is not a valid integer\.?$"), "「{0}」不是整数"),
    (re.compile(r"^'(.*)' is not a valid float\.?$"), "「{0}」不是数字"),
    (re.compile(r"^(.*) is not in the range (.*)\.?$"), "{0} 超出允许范围（{1}）"),
    (re.compile(r"^'(.*)' is not one of (.*)\.?$"), "「{0}」不是可选值之一：{1}"),
    (re.compile(r"^'(.*)' is not (?:a valid )?(.*)\.?$"), "「{0}」不是有效的 {1}"),
]


def _value_message(message: str) -> str:
    for pattern, template in _VALUE_MESSAGES:
        found = pattern.match(message.strip())
        if found:
            return template.format(*found.groups())
    return message


def _hint(error: errors.ClickException) -> str:
    param = getattr(error, "param", None)
    hint = getattr(error, "param_hint", None)
    if hint is None and param is not None:
        hint = param.get_error_hint()
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(hint)
    return str(hint or "").replace("'", "")


def usage_error_text(error: errors.ClickException) -> str:
    """A usage error in Chinese: which option or argument, and what is wrong with it."""
    hint = _hint(error)
    if isinstance(error, errors.NoSuchOption):
        text = f"没有选项 {error.option_name}"
        if error.possibilities:
            text += f"，是否想用 {'、'.join(sorted(error.possibilities))}？"
        return text
    if isinstance(error, errors.MissingParameter):
        param_type = error.param_type or getattr(error.param, "param_type_name", "")
        kind = "选项" if param_type == "option" else "参数"
        return f"缺少{kind} {hint}".rstrip()
    if isinstance(error, errors.BadParameter):
        return f"{hint} 的值无效：{_value_message(error.message)}" if hint else _value_message(error.message)
    if isinstance(error, errors.BadOptionUsage):
        requires = re.match(r"^Option '(.*)' requires (?:an argument|(\d+) arguments)\.?$", error.message)
        if requires:
            return f"选项 {requires.group(1)} 需要一个值"
        return f"选项 {error.option_name} 用法有误"
    message = error.format_message()
    fixed = {
        "Missing command.": "缺少命令",
        "Got unexpected extra argument": "多余的参数",
        "Got unexpected extra arguments": "多余的参数",
    }
    for english, chinese in fixed.items():
        if message.startswith(english):
            return chinese + message[len(english) :].replace("(", "（").replace(")", "）")
    no_command = re.match(r"^No such command '([^']*)'\.?(?: Did you mean '([^']*)'\?)?", message)
    if no_command:
        text = f"没有命令「{no_command.group(1)}」"
        return text + (f"，是否想用「{no_command.group(2)}」？" if no_command.group(2) else "")
    return message
