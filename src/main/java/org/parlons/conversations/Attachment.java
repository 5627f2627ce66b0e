package org.parlons.conversations;

import org.jspecify.annotations.Nullable;

/**
 * What a message carried besides its text, as metadata; the bytes live with the channel
 * that fetched them, or in Parlons' own store ({@code GET
 * /api/v1/messages/{id}/attachments/{index}}).
 *
 * @param name the file's name
 * @param contentType its media type, e.g. "application/pdf"
 * @param size its size in bytes
 * @param url where its bytes are: "blob:…" when Parlons keeps them, the network's address
 * otherwise, or none
 */
public record Attachment(String name, String contentType, long size, @Nullable String url) {
}
