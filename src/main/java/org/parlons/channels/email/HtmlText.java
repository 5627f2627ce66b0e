package org.parlons.channels.email;

import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Turns an HTML mail into the plain text a person would read: paragraphs and line breaks
 * kept, links shown with their address, scripts, styles and everything invisible dropped.
 * Nothing of the HTML survives, so nothing in it can run.
 */
final class HtmlText {

	private static final Set<String> BLOCKS = Set.of("p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6",
			"blockquote", "pre", "table", "ul", "ol", "section", "article", "header", "footer", "hr", "dd", "dt");

	private HtmlText() {
	}

	static String of(String html) {
		Document doc = Jsoup.parse(html);
		doc.select("script, style, head, title, noscript, template, iframe, object, embed, svg").remove();
		doc.select("[hidden], [style~=(?i)display\\s*:\\s*none]").remove();
		// Quoted history keeps its ">" marks, so the reply stripper recognises it like in
		// plain text.
		StringBuilder out = new StringBuilder();
		doc.body().traverse(new NodeVisitor() {
			@Override
			public void head(Node node, int depth) {
				if (node instanceof TextNode text) {
					// Layout whitespace between blocks is not a line of its own.
					if (!(text.isBlank() && (out.length() == 0 || out.charAt(out.length() - 1) == '\n'))) {
						out.append(text.text());
					}
				}
				else if (node instanceof Element e) {
					if ("br".equals(e.normalName())) {
						out.append('\n');
					}
					else if (BLOCKS.contains(e.normalName())) {
						newline(out);
					}
					if ("li".equals(e.normalName())) {
						out.append("- ");
					}
				}
			}

			@Override
			public void tail(Node node, int depth) {
				if (node instanceof Element e) {
					if (BLOCKS.contains(e.normalName())) {
						newline(out);
					}
					else if ("a".equals(e.normalName())) {
						String href = e.attr("href");
						if (href.startsWith("http") && !e.text().strip().equals(href)) {
							out.append(" (").append(href).append(')');
						}
					}
					else if ("td".equals(e.normalName()) || "th".equals(e.normalName())) {
						out.append(' ');
					}
				}
			}
		});
		return tidy(out.toString());
	}

	private static void newline(StringBuilder out) {
		if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
			out.append('\n');
		}
	}

	/**
	 * Non-breaking spaces to spaces, trailing blanks off, at most one empty line in a
	 * row.
	 */
	private static String tidy(String text) {
		String[] lines = text.replace('\u00a0', ' ').split("\n", -1);
		StringBuilder out = new StringBuilder();
		int blank = 0;
		for (String line : lines) {
			String l = line.stripTrailing();
			if (l.isBlank()) {
				if (++blank > 1 || out.length() == 0) {
					continue;
				}
			}
			else {
				blank = 0;
			}
			out.append(l).append('\n');
		}
		return out.toString().strip();
	}

}
