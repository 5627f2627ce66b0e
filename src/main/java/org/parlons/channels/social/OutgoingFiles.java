package org.parlons.channels.social;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.parlons.conversations.Attachment;
import org.parlons.platform.BlobStore;
import org.springframework.stereotype.Component;

/** The bytes of the files a reply sends, read back from the blob store for a network. */
@Component
public class OutgoingFiles {

	private final BlobStore blobs;

	OutgoingFiles(BlobStore blobs) {
		this.blobs = blobs;
	}

	/**
	 * Each file as a part of a multipart request, its field named by {@code field} and
	 * its position ("document", "file0"…); empty when one is no longer stored.
	 */
	public Optional<List<PlatformHttp.FilePart>> load(List<Attachment> files,
			java.util.function.IntFunction<String> field) {
		List<PlatformHttp.FilePart> parts = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) {
			Attachment file = files.get(i);
			String url = file.url() == null ? "" : file.url();
			Optional<InputStream> in = url.startsWith("blob:") ? blobs.open(url.substring(5)) : Optional.empty();
			if (in.isEmpty()) {
				return Optional.empty();
			}
			try (InputStream stream = in.get()) {
				parts.add(new PlatformHttp.FilePart(field.apply(i), file.name(), file.contentType(),
						stream.readAllBytes()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return Optional.of(parts);
	}

}
