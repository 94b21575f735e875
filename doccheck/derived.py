"""Regenerate the files derived from the project's YAML: ``python -m doccheck.derived``.

Run it after editing anything in ``rules/`` or ``extractors/``; the test suite fails until the
derived files match the YAML again (doccheck itself still reads an edited file correctly, only
more slowly):

- ``doccheck/parsed_yaml.jsonl``: every shipped YAML file, parsed (see ``doccheck.yamlio``);
- ``extractors/prefilters.json``: the words each sentence pattern and kind signal needs
  (see ``doccheck.extract.prefilter``);
- ``extractors/programs.json``: those patterns and the modules' own, compiled for the interpreter
  that runs this (see ``doccheck.extract.programs``; another interpreter compiles them at run time).
"""

from __future__ import annotations


def regenerate() -> list[str]:
    """Write the derived files; returns one line per file written."""
    from importlib import resources

    from doccheck import yamlio
    from doccheck.extract import prefilter, programs
    from doccheck.extract.knowledge import pattern_sources

    lines = yamlio.parsed_lines(yamlio.shipped_yaml_files())
    yamlio._PARSED.write_text("\n".join(lines) + "\n", encoding="utf-8")
    yamlio._parsed.cache_clear()
    table = resources.files("extractors").joinpath(prefilter._TABLE)
    count = prefilter.write_table(pattern_sources(), table)
    prefilter._shipped.cache_clear()  # the leads of the programs below come from the table just written
    compiled = resources.files("extractors").joinpath(programs._FILE)
    compiled_count = programs.write_table(program_sources(), compiled)
    programs._shipped.cache_clear()
    return [f"{len(lines)} YAML files -> {yamlio._PARSED}", f"{count} patterns -> {table}",
            f"{compiled_count} compiled patterns ({programs.interpreter_tag()}) -> {compiled}"]


def program_sources() -> list[tuple[str, int]]:
    """Every (source, flags) the package compiles through ``programs.compile`` as its modules and
    tables load, and the sentence patterns and kind signals as they are searched."""
    import importlib
    import pkgutil

    import doccheck
    from doccheck.batch import _warm_caches
    from doccheck.extract import prefilter, programs
    from doccheck.extract.knowledge import pattern_sources

    for module in pkgutil.walk_packages(doccheck.__path__, "doccheck."):
        importlib.import_module(module.name)
    _warm_caches()
    return sorted(set(programs._SEEN) | set(prefilter.compiled_sources(pattern_sources())))


if __name__ == "__main__":
    print("\n".join(regenerate()))
