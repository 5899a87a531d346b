"""Reading the consultancy's data files: YAML parsed safely into typed, strict models.

Every problem in a data file becomes one `DataFileError` naming the file and the field, so a bad
edit stops the bot at start-up instead of surprising a user mid-conversation.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any, ClassVar, Self, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

ModelT = TypeVar("ModelT", bound=BaseModel)


class DataFileError(Exception):
    """A data file in knowledge/ or conversations/ is missing, unreadable or invalid."""


class StrictModel(BaseModel):
    """Base for data-file models: unknown keys are a mistake, not something to ignore."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Sentences(StrictModel):
    """Sentences the bot says, as a data file holds them: each {placeholder} is checked at load
    against the ones its sentence may use (`placeholders`, by field name; none when not listed)."""

    placeholders: ClassVar[dict[str, set[str]]] = {}

    @model_validator(mode="after")
    def _placeholders_are_known(self) -> Self:
        for name, sentence in self:
            if isinstance(sentence, str):
                check_placeholders(name, sentence, self.placeholders.get(name, set()))
        return self


class DuplicateKey(yaml.YAMLError):
    """A mapping key written twice: YAML would silently keep the last one."""

    def __init__(self, key: object, line: int) -> None:
        super().__init__(f"key '{key}' is written twice (line {line})")
        self.key, self.line = key, line


class _NoDuplicateKeys:
    """Refuses a key written twice in one mapping: the consultant meant one of them, and which
    one wins is not something to find out from the bot's behaviour."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[attr-defined]
            if isinstance(key, str | int | float | bool) and key in seen:
                raise DuplicateKey(key, key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc, no-any-return]


class _StringsLoader(_NoDuplicateKeys, yaml.SafeLoader):
    """A safe loader where yes/no/on/off stay strings (they are answers, not booleans)."""


# Drop YAML 1.1's boolean resolver and add back only true/false, so "yes", "no", "on", "off"
# reach the models as the words the consultancy typed.
_StringsLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
_StringsLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
# Dates stay strings too: as-of dates may be partial ("2025-10") and must round-trip as typed.
for _key in list(_StringsLoader.yaml_implicit_resolvers):
    _StringsLoader.yaml_implicit_resolvers[_key] = [
        (tag, rx) for tag, rx in _StringsLoader.yaml_implicit_resolvers[_key] if tag != "tag:yaml.org,2002:timestamp"
    ]


# The same loader over libyaml's parser where PyYAML has it: several times faster, which is most of
# a web worker's start-up. The resolvers (what stays a string) are the ones set above.
_FastLoader: type[Any] = _StringsLoader
if getattr(yaml, "__with_libyaml__", False):

    class _CStringsLoader(_NoDuplicateKeys, yaml.CSafeLoader):
        yaml_implicit_resolvers = _StringsLoader.yaml_implicit_resolvers

    _FastLoader = _CStringsLoader


def check_placeholders(name: str, sentence: str, allowed: set[str]) -> None:
    """Raise ValueError when `sentence` uses a {placeholder} outside `allowed` (or a stray brace)."""
    try:
        used = {field for _, field, _, _ in string.Formatter().parse(sentence) if field is not None}
    except ValueError as error:
        raise ValueError(f"{name}: {error} (write {{{{ and }}}} for a literal brace)") from None
    unknown = used - allowed
    if unknown:
        listed = ", ".join(sorted(f"{{{p}}}" for p in allowed)) or "none"
        raise ValueError(f"{name}: unknown placeholder {{{sorted(unknown)[0]}}} (allowed: {listed})")


def read_yaml(path: Path) -> Any:
    """Parse one YAML file with the strings-preserving safe loader."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise DataFileError(f"{path}: cannot be read ({error.strerror})") from None
    try:
        return yaml.load(text, Loader=_FastLoader)
    except DuplicateKey as error:
        raise DataFileError(f"{path}: {error}") from None
    except yaml.YAMLError:
        pass  # say where, as the pure-Python parser sees it (libyaml can place a mark differently)
    try:
        return yaml.load(text, Loader=_StringsLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise DataFileError(f"{path}: not valid YAML{where}") from None


def load_model(path: Path, model: type[ModelT]) -> ModelT:
    """Read `path` into `model`; the first problem becomes one error naming file and field."""
    data = read_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "(top level)"
        where = _entry_named(data, first["loc"])
        raise DataFileError(f"{path}: field '{field}'{where}: {first['msg']}") from None


def _entry_named(data: Any, loc: tuple[int | str, ...]) -> str:
    """' (in id F01)': the id of the innermost list entry on the path, as the consultant knows it."""
    named = ""
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, int) and isinstance(data, dict) and isinstance(data.get("id"), str):
            named = f" (in id {data['id']})"
    return named
