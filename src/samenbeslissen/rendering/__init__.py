"""Documents from conversations, scenarios and reports: the renderer, its context, templates.

``samenbeslissen.rendering.renderer`` has :class:`Renderer`, :func:`render`
and :func:`render_pdf` (all also at the package root), ``documents`` the
documents and formats, ``context`` the plain data a template sees, ``pdf``
the printing of an HTML page to PDF (WeasyPrint, imported only then), and
``templates/`` the built-in templates. This ``__init__`` imports nothing, so
the command line can read the list of documents without loading Jinja2.
"""
