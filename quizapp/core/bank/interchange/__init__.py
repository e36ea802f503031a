"""Questions in and out of other formats: Aiken, GIFT (Moodle's two text formats) and CSV.

One job per module:

- ``source``: read an input file as text (UTF-8, a BOM, any line ending).
- ``draft``: a question as a format reads it, before it has an id or a checked topic.
- ``aiken``, ``gift`` (with ``gift_text``, its escapes), ``csv_format``: each format's reader
  and writer.
- ``convert``: drafts into ``Question`` models (topic, text and shape checked).
- ``ids``: content keys and stable, unique ids.
- ``writer``: a user bank directory, one YAML file per topic, added to in place.
- ``importer`` and ``exporter``: the steps the ``import`` and ``export`` commands run.

Every problem is a ``Problem`` (``file:line: message``); they are raised all at
once as ``InterchangeError``.
"""

from __future__ import annotations

FORMATS = ("aiken", "gift", "csv")
