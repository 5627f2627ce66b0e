package org.parlons.conversations;

import org.jspecify.annotations.Nullable;

/**
 * What a message carried besides its text, as metadata; the bytes live with the channel
 * that fetched them.
 */
public record Attachment(String name, String contentType, long size, @Nullable String url) {
}
