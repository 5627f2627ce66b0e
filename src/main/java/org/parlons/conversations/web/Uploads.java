package org.parlons.conversations.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Attachment;
import org.parlons.platform.BlobStore;
import org.parlons.platform.InvalidRequestException;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Files an agent sends with a reply, uploaded or pasted: checked (how many, how large),
 * their names cleaned, their bytes stored, before the reply is written. What is stored
 * but then refused stays as an unreferenced blob, shared with any later copy of the same
 * bytes.
 */
@Component
class Uploads {

	static final int MAX_FILES = 10;

	static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

	static final long MAX_TOTAL_BYTES = 20L * 1024 * 1024;

	private final BlobStore blobs;

	Uploads(BlobStore blobs) {
		this.blobs = blobs;
	}

	/** The files given (empty parts of an empty file field left out), stored. */
	List<Attachment> keep(@Nullable List<MultipartFile> files) {
		List<MultipartFile> given = files == null ? List.of()
				: files.stream().filter(f -> f != null && !f.isEmpty()).toList();
		if (given.size() > MAX_FILES) {
			throw InvalidRequestException.said("reply.tooManyFiles", "A reply sends at most " + MAX_FILES + " files",
					MAX_FILES);
		}
		long total = 0;
		for (MultipartFile file : given) {
			if (file.getSize() > MAX_FILE_BYTES) {
				throw InvalidRequestException.said("reply.fileTooLarge",
						name(file) + " is larger than " + megabytes(MAX_FILE_BYTES) + " MB", name(file),
						megabytes(MAX_FILE_BYTES));
			}
			total += file.getSize();
		}
		if (total > MAX_TOTAL_BYTES) {
			throw InvalidRequestException.said("reply.filesTooLarge",
					"The files of a reply are limited to " + megabytes(MAX_TOTAL_BYTES) + " MB together",
					megabytes(MAX_TOTAL_BYTES));
		}
		List<Attachment> kept = new ArrayList<>();
		for (MultipartFile file : given) {
			try {
				byte[] bytes = file.getBytes();
				kept.add(new Attachment(name(file), type(file), bytes.length, "blob:" + blobs.put(bytes)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return kept;
	}

	/**
	 * The name without a path, control characters or more than 200 characters; "file"
	 * when none is left (a pasted image is named by the browser).
	 */
	static String name(MultipartFile file) {
		String raw = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
		String base = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
		String clean = base.replaceAll("[\\p{Cntrl}\"]", "").strip();
		if (clean.length() > 200) {
			clean = clean.substring(clean.length() - 200);
		}
		return clean.isEmpty() || clean.equals(".") || clean.equals("..") ? "file" : clean;
	}

	private static String type(MultipartFile file) {
		String type = file.getContentType();
		return type == null || type.isBlank() || type.length() > 200 ? "application/octet-stream" : type;
	}

	private static String megabytes(long bytes) {
		return Long.toString(bytes / (1024 * 1024));
	}

}
