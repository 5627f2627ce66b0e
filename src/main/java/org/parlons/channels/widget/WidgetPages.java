package org.parlons.channels.widget;

import jakarta.servlet.http.HttpServletRequest;

import org.parlons.conversations.Inbox;
import org.parlons.platform.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A page with nothing but the chat on it, to try the widget and copy its script tag.
 */
@Controller
class WidgetPages {

	private final WidgetChannelConnector connector;

	WidgetPages(WidgetChannelConnector connector) {
		this.connector = connector;
	}

	@GetMapping("/widget/demo/{publicToken}")
	String demo(@PathVariable String publicToken, Model model, HttpServletRequest request) {
		Inbox inbox = connector.byPublicToken(publicToken)
			.orElseThrow(() -> new NotFoundException("No chat for this token"));
		String origin = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
		model.addAttribute("inbox", inbox);
		model.addAttribute("token", publicToken);
		model.addAttribute("snippet",
				"<script src=\"" + origin + "/widget.js\" data-token=\"" + publicToken + "\" async></script>");
		return "channels/widget-demo";
	}

}
