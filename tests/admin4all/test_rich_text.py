"""Markdown from staff and officers becomes safe HTML: the parser shows raw HTML as text,
and the sanitizer keeps only the allowed elements, attributes and link schemes."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from admin4all.rich_text import ALLOWED_TAGS, markdown_html, markdown_text

# What a careless paste or a hostile account could put in a body; the view and browser
# tests use it too.
HOSTILE_MARKDOWN = (
    "## Housing\n\n"
    "<script>window.__pwned = true</script>\n\n"
    '<img src=x onerror="window.__pwned = true">\n\n'
    "[Read more](javascript:window.__pwned=true) or [the study](https://example.org/study)."
)
HOSTILE_MARKDOWN_HTML = (
    "<h2>Housing</h2>\n"
    "<p>&lt;script&gt;window.__pwned = true&lt;/script&gt;</p>\n"
    '<p>&lt;img src=x onerror="window.__pwned = true"&gt;</p>\n'
    "<p>[Read more](javascript:window.__pwned=true) or "
    '<a href="https://example.org/study" rel="nofollow noopener">the study</a>.</p>\n'
)

# Every element the sanitizer allows on a page that sits below its h1 (h4 to h6 only
# appear deeper); the HTML-validity and accessibility sweeps include it.
MARKDOWN_OF_EVERY_ELEMENT = (
    "# Housing first\n\n"
    "Cities **share** *what works*: [a study](https://example.org/study "
    '"The study"), [a mail](mailto:info@example.org), [the news](/news/).\n'
    "A new line.\n\n"
    "## Steps\n\n- one\n- two\n\n3. three\n4. four\n\n"
    "> A quote.\n\nSome `code`:\n\n```\nprint('a long line')\n```\n\n---\n\n"
)


def test_markdown_of_every_element_renders_them_all():
    html = markdown_html(MARKDOWN_OF_EVERY_ELEMENT)

    assert set(re.findall(r"<([a-z0-9]+)", html)) == ALLOWED_TAGS - {"h4", "h5", "h6"}


def test_markdown_html_of_a_hostile_text_is_safe():
    assert markdown_html(HOSTILE_MARKDOWN) == HOSTILE_MARKDOWN_HTML


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("", ""),
        (
            "A *b* and **c**.\n\nNext line\nbreaks.",
            "<p>A <em>b</em> and <strong>c</strong>.</p>\n<p>Next line<br>\nbreaks.</p>\n",
        ),
        (
            '[l](https://example.org "T") [m](mailto:a@example.org) [r](/news/)',
            '<p><a href="https://example.org" title="T" rel="nofollow noopener">l</a> '
            '<a href="mailto:a@example.org" rel="nofollow noopener">m</a> '
            '<a href="/news/" rel="nofollow noopener">r</a></p>\n',
        ),
        (
            "- a\n- b\n\n3. c",
            '<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<ol start="3">\n<li>c</li>\n</ol>\n',
        ),
        (
            "> quoted\n\n---\n\n`code` and\n\n    indented <b>",
            "<blockquote>\n<p>quoted</p>\n</blockquote>\n<hr>\n<p><code>code</code> and</p>\n"
            "<pre><code>indented &lt;b&gt;\n</code></pre>\n",
        ),
        (
            "> Zażółć **gęślą** jaźń — 移民 🙂",
            "<blockquote>\n<p>Zażółć <strong>gęślą</strong> jaźń — 移民 🙂</p>\n</blockquote>\n",
        ),
        # Raw HTML shows as text.
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"),
        ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n"),
        (
            "<style>p{}</style><!-- x -->",
            "<p>&lt;style&gt;p{}&lt;/style&gt;&lt;!-- x --&gt;</p>\n",
        ),
        ("<iframe src=https://e.org>", "<p>&lt;iframe src=https://e.org&gt;</p>\n"),
        # Markdown inside an HTML block is rendered, the HTML around it stays text.
        (
            '<div>\n*hi* <b onclick="x()">b</b>\n</div>',
            '<p>&lt;div&gt;<br>\n<em>hi</em> &lt;b onclick="x()"&gt;b&lt;/b&gt;<br>\n'
            "&lt;/div&gt;</p>\n",
        ),
        # Entities spelling a tag stay text too.
        ("&#60;script&#62;", "<p>&lt;script&gt;</p>\n"),
        # Links go only to http, https, mailto and relative URLs.
        ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>\n"),
        ("[x](JaVaScRiPt:alert(1))", "<p>[x](JaVaScRiPt:alert(1))</p>\n"),
        ("[x][1]\n\n[1]: javascript:alert(1)", "<p>[x][1]</p>\n<p>[1]: javascript:alert(1)</p>\n"),
        ("<javascript:alert(1)>", "<p>&lt;javascript:alert(1)&gt;</p>\n"),
        ("[x](vbscript:msgbox(1))", "<p>[x](vbscript:msgbox(1))</p>\n"),
        (
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "<p>[x](data:text/html;base64,PHNjcmlwdD4=)</p>\n",
        ),
        ("[x](data:image/png;base64,AAAA)", "<p>[x](data:image/png;base64,AAAA)</p>\n"),
        # A tab spelled as an entity cannot hide a scheme: the link is a relative one.
        (
            "[x](java&#x09;script:alert(1))",
            '<p><a href="java%09script:alert(1)" rel="nofollow noopener">x</a></p>\n',
        ),
        # A quote in the URL cannot close the attribute and open another.
        (
            '[x](https://e.org/"onmouseover="alert(1))',
            '<p><a href="https://e.org/%22onmouseover=%22alert(1)" rel="nofollow noopener">x</a>'
            "</p>\n",
        ),
    ],
)
def test_markdown_html_renders_allowed_markup_and_disarms_the_rest(text, html):
    assert markdown_html(text) == html


def test_markdown_html_makes_an_image_a_link_to_it():
    html = markdown_html("![map](https://tiles.example/x.png)")

    assert html == (
        '<p>!<a href="https://tiles.example/x.png" rel="nofollow noopener">map</a></p>\n'
    )


@pytest.mark.parametrize(
    ("text", "top_heading", "html"),
    [
        ("# Title\n### Sub", 2, "<h2>Title</h2>\n<h3>Sub</h3>\n"),
        ("### A\n#### B\n###### C", 2, "<h2>A</h2>\n<h3>B</h3>\n<h4>C</h4>\n"),
        ("## A\n### B", 3, "<h3>A</h3>\n<h4>B</h4>\n"),
        ("# A\n## B\n### C", 5, "<h5>A</h5>\n<h6>B</h6>\n<h6>C</h6>\n"),
    ],
)
def test_markdown_html_headings_start_below_the_page_heading(text, top_heading, html):
    assert markdown_html(text, top_heading=top_heading) == html


def test_markdown_html_renders_a_very_long_text_whole():
    text = "\n\n".join(f"Paragraph {number} with **bold** words." for number in range(5000))

    html = markdown_html(text)

    assert html.count("<p>") == 5000
    assert html.endswith("<p>Paragraph 4999 with <strong>bold</strong> words.</p>\n")


def test_markdown_text_keeps_the_words_without_markup():
    text = "## Heading\n\nA **b** & [c](https://x.org) <d>\n\n- e\n- f"

    assert markdown_text(text) == "Heading\nA b & c <d>\n\ne\nf"


def test_markdown_filters_render_html_and_plain_text():
    template = Template(
        "{% load rich_text %}{{ body|markdown }}|{{ body|markdown:3 }}|{{ body|markdown_text }}"
    )

    rendered = template.render(Context({"body": "# Hi & <b>"}))

    assert rendered == (
        "<h2>Hi &amp; &lt;b&gt;</h2>\n|<h3>Hi &amp; &lt;b&gt;</h3>\n|Hi &amp; &lt;b&gt;"
    )


class MarkupChecker(HTMLParser):
    """What could run in a browser: elements outside the allow-list, event handler
    attributes, links with a scheme other than http, https or mailto."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            if name == "href" and urlsplit(value).scheme not in {"", "http", "https", "mailto"}:
                self.problems.append(f"{tag}[href={value}]")


HOSTILE_PIECES = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">',
        "[x](javascript:alert(1))",
        "[x](data:text/html,<script>)",
        "<svg onload=alert(1)>",
        "javascript:",
        " onclick=",
        "**",
        "`",
        "\n\n",
        "# ",
        "- ",
        "> ",
        "](",
        ")",
        "<",
        ">",
        '"',
        "&#",
    ]
)


@given(st.lists(st.one_of(HOSTILE_PIECES, st.text(max_size=20)), max_size=30).map("".join))
def test_markdown_html_never_outputs_a_script_a_handler_or_a_foreign_scheme(text):
    html = markdown_html(text)

    checker = MarkupChecker()
    checker.feed(html)
    checker.close()
    assert "<script" not in html.lower()
    assert checker.problems == []
