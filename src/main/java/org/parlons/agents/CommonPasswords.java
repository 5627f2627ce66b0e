package org.parlons.agents;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The passwords people choose most (OWASP SecLists' top million, those of ten characters
 * or more; NOTICE), refused whatever their length. Kept as sorted 64-bit digests, under a
 * megabyte: a password is common when its lower-case digest is among them.
 */
final class CommonPasswords {

	private static final String LIST = "/agents/common-passwords.txt.gz";

	private static volatile long[] digests;

	private CommonPasswords() {
	}

	static boolean isCommon(String password) {
		return Arrays.binarySearch(digests(), digest(password)) >= 0;
	}

	private static long[] digests() {
		long[] loaded = digests;
		if (loaded == null) {
			synchronized (CommonPasswords.class) {
				loaded = digests;
				if (loaded == null) {
					loaded = load();
					digests = loaded;
				}
			}
		}
		return loaded;
	}

	private static long[] load() {
		try (InputStream in = CommonPasswords.class.getResourceAsStream(LIST)) {
			if (in == null) {
				throw new IllegalStateException(LIST + " is missing from the build");
			}
			BufferedReader lines = new BufferedReader(
					new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
			long[] out = new long[128 * 1024];
			int n = 0;
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.isEmpty()) {
					continue;
				}
				if (n == out.length) {
					out = Arrays.copyOf(out, n * 2);
				}
				out[n++] = digest(line);
			}
			long[] sorted = Arrays.copyOf(out, n);
			Arrays.sort(sorted);
			return sorted;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static long digest(String password) {
		try {
			byte[] sha = MessageDigest.getInstance("SHA-256")
				.digest(password.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.wrap(sha).getLong();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
