package org.parlons.curation;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One article, one address: what makes two links the same item. The canonical address
 * drops what only tracks the reader (utm_*, fbclid, gclid, mc_cid…), the fragment, the
 * default port, a trailing slash and {@code www.}, and sorts what is left of the query;
 * the content hash catches the same text published at two addresses.
 */
final class Canonical {

	/** Query parameters that say who sent the reader, never what they read. */
	private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid",
			"mc_cid", "mc_eid", "igshid", "yclid", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id",
			"ref_src", "ref_url", "s_cid", "cmpid", "xtor", "at_medium", "at_campaign", "spm");

	private Canonical() {
	}

	/** The canonical form of an http or https address; empty when it is not one. */
	static Optional<String> url(String address) {
		URI uri;
		try {
			uri = new URI(address.strip());
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
			return Optional.empty();
		}
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		if (host.startsWith("www.")) {
			host = host.substring(4);
		}
		int port = uri.getPort();
		boolean defaultPort = port == -1 || scheme.equals("http") && port == 80
				|| scheme.equals("https") && port == 443;
		String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
		if (path.length() > 1 && path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		List<String> kept = new ArrayList<>();
		if (uri.getRawQuery() != null) {
			for (String pair : uri.getRawQuery().split("&")) {
				String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
				if (!pair.isEmpty() && !name.startsWith("utm_") && !TRACKING.contains(name)) {
					kept.add(pair);
				}
			}
		}
		kept.sort(null);
		// http and https name one article: the canonical form says https
		return Optional.of("https://" + host + (defaultPort ? "" : ":" + port) + path
				+ (kept.isEmpty() ? "" : "?" + String.join("&", kept)));
	}

	/**
	 * A hash of the words of the title and summary (case, accents, punctuation and spaces
	 * aside): the same text at two addresses gives the same hash.
	 */
	static String contentHash(String title, String summary) {
		String words = Normalizer.normalize(title + " " + summary, Normalizer.Form.NFD)
			.replaceAll("\\p{M}+", "")
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^\\p{L}\\p{N}]+", " ")
			.strip();
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(words.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
