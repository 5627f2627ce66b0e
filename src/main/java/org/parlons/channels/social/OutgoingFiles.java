package org.parlons.channels.social;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;
import org.parlons.channels.DeliveryResult;
import org.parlons.conversations.Attachment;
import org.parlons.platform.BlobStore;
import org.parlons.platform.Sentences;
import org.springframework.stereotype.Component;

/** The bytes of the files a reply sends, read back from the blob store for a channel. */
@Component
public class OutgoingFiles {

	/**
	 * The files as parts of a request, or why they cannot go (the delivery failure's
	 * stored reason).
	 */
	public record Loaded(List<PlatformHttp.FilePart> parts, @Nullable String missing) {
	}

	private final BlobStore blobs;

	private final Sentences sentences;

	OutgoingFiles(BlobStore blobs, Sentences sentences) {
		this.blobs = blobs;
		this.sentences = sentences;
	}

	/**
	 * Each file as a part, its field named by {@code field} and its position ("document",
	 * "file0"…); {@link Loaded#missing} names the first one no longer stored.
	 */
	public Loaded load(List<Attachment> files, IntFunction<String> field) {
		List<PlatformHttp.FilePart> parts = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) {
			Attachment file = files.get(i);
			String url = file.url() == null ? "" : file.url();
			Optional<InputStream> in = url.startsWith("blob:") ? blobs.open(url.substring(5)) : Optional.empty();
			if (in.isEmpty()) {
				return new Loaded(List.of(), sentences.english("delivery.fileMissing", file.name()));
			}
			try (InputStream stream = in.get()) {
				parts.add(new PlatformHttp.FilePart(field.apply(i), file.name(), file.contentType(),
						stream.readAllBytes()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return new Loaded(parts, null);
	}

	/**
	 * Sends a reply's files one at a time, as the networks that take a file per request
	 * want them: {@code send} answers why one did not go, or null. Answers the first
	 * refusal, or null when every file went.
	 */
	public @Nullable DeliveryResult eachPart(List<Attachment> files, String field,
			Function<PlatformHttp.FilePart, @Nullable DeliveryResult> send) {
		Loaded loaded = load(files, i -> field);
		if (loaded.missing() != null) {
			return new DeliveryResult.Failed(loaded.missing());
		}
		for (PlatformHttp.FilePart part : loaded.parts()) {
			DeliveryResult refused = send.apply(part);
			if (refused != null) {
				return refused;
			}
		}
		return null;
	}

}
