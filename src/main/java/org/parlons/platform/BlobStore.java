package org.parlons.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Stored files (attachments) under the data directory, named by the SHA-256 of their
 * content: the same file twice is stored once, and a write is atomic (temporary file,
 * then rename), so a crash never leaves half a file behind a key.
 */
@Component
public class BlobStore {

	private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

	private final Path root;

	BlobStore(PlatformSettings settings) {
		this.root = settings.dataDir().toAbsolutePath().resolve("blobs");
	}

	/** Stores the bytes and answers their key. */
	public String put(byte[] bytes) {
		String key = Crypto.sha256Hex(bytes);
		Path target = path(key);
		try {
			if (!Files.exists(target)) {
				Files.createDirectories(target.getParent());
				Path temp = Files.createTempFile(target.getParent(), key, ".tmp");
				Files.write(temp, bytes);
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not store a file under " + root, ex);
		}
	}

	/**
	 * The stored bytes of a key, if any; a malformed key finds nothing (no path tricks).
	 */
	public Optional<InputStream> open(String key) {
		if (!KEY.matcher(key).matches() || !Files.exists(path(key))) {
			return Optional.empty();
		}
		try {
			return Optional.of(Files.newInputStream(path(key)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Deletes the stored bytes of a key, if any (an erasure). */
	public void delete(String key) {
		if (KEY.matcher(key).matches()) {
			try {
				Files.deleteIfExists(path(key));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not delete a stored file under " + root, ex);
			}
		}
	}

	private Path path(String key) {
		return root.resolve(key.substring(0, 2)).resolve(key);
	}

}
