package org.parlons.channels.email;

import org.parlons.platform.Refusals;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.parlons.conversations.Inbox;

/**
 * An email inbox's settings as the contract names them: {@code imap} and {@code smtp}
 * servers, each {@code {host, port, username, password, tls}}, and the {@code address}
 * customers write to. Optional: {@code folder} (INBOX), {@code fromName} (the inbox name)
 * and {@code pollSeconds}.
 */
record EmailSettings(Server imap, Server smtp, String address, String folder, String fromName) {

	static final Set<String> SECRETS = Set.of("imap.password", "smtp.password");

	/**
	 * One mail server; {@code tls} means implicit TLS (IMAPS 993, SMTPS 465), else
	 * STARTTLS when offered.
	 */
	record Server(String host, int port, String username, String password, boolean tls) {

		Map<String, Object> toMap() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("host", host);
			map.put("port", port);
			map.put("username", username);
			map.put("password", password);
			map.put("tls", tls);
			return map;
		}

	}

	static EmailSettings of(Inbox inbox) {
		return from(inbox.settings(), inbox.name());
	}

	/**
	 * Reads and checks settings. @throws IllegalArgumentException naming what is wrong
	 */
	static EmailSettings from(Map<String, Object> settings, String inboxName) {
		String address = text(settings.get("address"));
		if (address.isEmpty()) {
			throw Refusals.invalid("settings.emailAddressMissing",
					"address is required: the email address customers write to");
		}
		try {
			InternetAddress parsed = new InternetAddress(address, true);
			address = parsed.getAddress().toLowerCase(java.util.Locale.ROOT);
		}
		catch (AddressException ex) {
			throw Refusals.invalid("settings.emailAddressBad", "address is not an email address: " + address,
					String.valueOf(address));
		}
		String folder = text(settings.get("folder"));
		String fromName = text(settings.get("fromName"));
		return new EmailSettings(server("imap", settings.get("imap")), server("smtp", settings.get("smtp")), address,
				folder.isEmpty() ? "INBOX" : folder, fromName.isEmpty() ? inboxName : fromName);
	}

	Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("address", address);
		map.put("imap", imap.toMap());
		map.put("smtp", smtp.toMap());
		map.put("folder", folder);
		map.put("fromName", fromName);
		return map;
	}

	private static Server server(String name, Object value) {
		if (!(value instanceof Map<?, ?> map)) {
			throw Refusals.invalid("settings.serverMissing",
					name + " is required: {host, port, username, password, tls}", name);
		}
		String host = text(map.get("host"));
		if (host.isEmpty()) {
			throw Refusals.invalid("settings.hostMissing", name + ".host is required", name + ".host");
		}
		boolean tls = Boolean.parseBoolean(text(map.get("tls")));
		int port;
		try {
			String raw = text(map.get("port"));
			port = raw.isEmpty() ? defaultPort(name, tls) : Integer.parseInt(raw);
		}
		catch (NumberFormatException ex) {
			throw Refusals.invalid("settings.portBad", name + ".port is not a number", name + ".port");
		}
		if (port < 1 || port > 65535) {
			throw Refusals.invalid("settings.portRange", name + ".port must be between 1 and 65535", name + ".port");
		}
		return new Server(host, port, text(map.get("username")), text(map.get("password")), tls);
	}

	private static int defaultPort(String name, boolean tls) {
		return "imap".equals(name) ? (tls ? 993 : 143) : (tls ? 465 : 587);
	}

	private static String text(Object value) {
		return value == null ? "" : value.toString().strip();
	}

}
