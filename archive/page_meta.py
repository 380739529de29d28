"""`{% capture as name %}...{% endcapture %}`: a part of a template rendered once and kept in
a variable, so base.html says a page's title and description once and uses each in the
<title>, the description and the Open Graph and card tags (a Django block renders in one
place only)."""

from __future__ import annotations

from django import template
from django.template.base import Parser, Token

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: template.Context) -> str:
        # NodeList.render() escapes what it renders and returns it marked safe, as any
        # rendered template part is: the variable is output as it would be in place.
        context[self.name] = self.nodelist.render(context)
        return ""


@register.tag
def capture(parser: Parser, token: Token) -> CaptureNode:
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}...{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
