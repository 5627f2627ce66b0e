package org.parlons.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Credentials encrypted at rest (AES-256-GCM) with a key from configuration
 * ({@code PARLONS_SECRETS_KEY}, 32 bytes in base64). Without one, a key is made once and
 * kept in the data directory, readable by the owner only: fine for a single machine,
 * while a cluster or a database kept apart from its files must set the key. Settings
 * whose name ends in "password", "secret" or "token" are the secrets.
 */
@Component
public class SecretBox {

	private static final Logger log = LoggerFactory.getLogger(SecretBox.class);

	static final String PREFIX = "enc:v1:";

	private static final int IV_BYTES = 12;

	private final SecretKeySpec key;

	private final SecureRandom random = new SecureRandom();

	@Autowired
	SecretBox(PlatformSettings settings) {
		this(settings.secrets().key(), settings.dataDir());
	}

	SecretBox(String configured, Path dataDir) {
		this.key = new SecretKeySpec(configured.isBlank() ? keyFile(dataDir) : decode(configured), "AES");
	}

	/**
	 * A short tag of the text that only this installation can make (HMAC-SHA256 under a
	 * key derived from the secrets key), in lower-case hex: tokens it hands out can be
	 * checked when they come back.
	 */
	public String tag(String text, int hexLength) {
		try {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			byte[] derived = java.security.MessageDigest.getInstance("SHA-256")
				.digest(("parlons-tag:" + Base64.getEncoder().encodeToString(key.getEncoded()))
					.getBytes(StandardCharsets.UTF_8));
			mac.init(new SecretKeySpec(derived, "HmacSHA256"));
			String hex = java.util.HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
			return hex.substring(0, Math.min(hexLength, hex.length()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Whether a setting of this name is a secret. */
	public static boolean isSecret(String name) {
		String n = name.toLowerCase(Locale.ROOT);
		return n.endsWith("password") || n.endsWith("secret") || n.endsWith("token");
	}

	/** Settings with every secret value encrypted, nested groups included. */
	public Map<String, Object> seal(Map<String, Object> settings) {
		return transform(settings, true);
	}

	/**
	 * Settings with every secret value readable again; values stored before encryption
	 * pass as they are.
	 */
	public Map<String, Object> open(Map<String, Object> settings) {
		return transform(settings, false);
	}

	private Map<String, Object> transform(Map<String, Object> settings, boolean seal) {
		Map<String, Object> out = new LinkedHashMap<>();
		settings.forEach((name, value) -> {
			if (value instanceof Map<?, ?> nested) {
				Map<String, Object> inner = new LinkedHashMap<>();
				nested.forEach((k, v) -> inner.put(String.valueOf(k), v));
				out.put(name, transform(inner, seal));
			}
			else if (value instanceof String s && isSecret(name) && !s.isEmpty()) {
				out.put(name, seal ? encrypt(s) : decrypt(s));
			}
			else {
				out.put(name, value);
			}
		});
		return out;
	}

	/**
	 * Whether some secret in these stored settings is still in clear (stored before
	 * encryption).
	 */
	public boolean needsSealing(Map<String, Object> stored) {
		for (Map.Entry<String, Object> e : stored.entrySet()) {
			if (e.getValue() instanceof Map<?, ?> nested) {
				Map<String, Object> inner = new LinkedHashMap<>();
				nested.forEach((k, v) -> inner.put(String.valueOf(k), v));
				if (needsSealing(inner)) {
					return true;
				}
			}
			else if (e.getValue() instanceof String s && isSecret(e.getKey()) && !s.isEmpty()
					&& !s.startsWith(PREFIX)) {
				return true;
			}
		}
		return false;
	}

	String encrypt(String plain) {
		if (plain.startsWith(PREFIX)) {
			return plain;
		}
		try {
			byte[] iv = new byte[IV_BYTES];
			random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			byte[] all = new byte[iv.length + sealed.length];
			System.arraycopy(iv, 0, all, 0, iv.length);
			System.arraycopy(sealed, 0, all, iv.length, sealed.length);
			return PREFIX + Base64.getEncoder().encodeToString(all);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encrypt a secret", ex);
		}
	}

	String decrypt(String stored) {
		if (!stored.startsWith(PREFIX)) {
			return stored;
		}
		try {
			byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
			return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException(
					"A stored secret cannot be decrypted: is PARLONS_SECRETS_KEY the key " + "it was written with?",
					ex);
		}
	}

	private static byte[] decode(String configured) {
		byte[] bytes = Base64.getDecoder().decode(configured.strip());
		if (bytes.length != 32) {
			throw new IllegalStateException("PARLONS_SECRETS_KEY must be 32 bytes in base64 (openssl rand -base64 32)");
		}
		return bytes;
	}

	private static synchronized byte[] keyFile(Path dataDir) {
		Path file = dataDir.toAbsolutePath().resolve("secrets.key");
		try {
			if (Files.exists(file)) {
				return decode(Files.readString(file));
			}
			Files.createDirectories(dataDir);
			byte[] key = new byte[32];
			new SecureRandom().nextBytes(key);
			Files.writeString(file, Base64.getEncoder().encodeToString(key));
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: the directory's own protection applies
			}
			log.warn("No PARLONS_SECRETS_KEY: made a key for channel credentials in {}. Back it up with the "
					+ "database, or set PARLONS_SECRETS_KEY.", file);
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot keep the secrets key in " + file, ex);
		}
	}

}
