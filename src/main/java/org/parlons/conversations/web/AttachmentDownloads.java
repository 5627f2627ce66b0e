package org.parlons.conversations.web;

import java.io.InputStream;
import java.util.Set;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.agents.AgentPrincipal;
import org.parlons.conversations.Attachment;
import org.parlons.conversations.ConversationAccess;
import org.parlons.conversations.Message;
import org.parlons.conversations.Messages;
import org.parlons.platform.BlobStore;
import org.parlons.platform.NotFoundException;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Serves a message's stored attachments to the agents who may see its conversation. Only
 * common images are shown in the browser; anything else (HTML, SVG, scripts) downloads as
 * bytes, never runs.
 */
@Controller
class AttachmentDownloads {

	private static final Set<String> SHOWN = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

	private final Messages messages;

	private final ConversationAccess access;

	private final BlobStore blobs;

	AttachmentDownloads(Messages messages, ConversationAccess access, BlobStore blobs) {
		this.messages = messages;
		this.access = access;
		this.blobs = blobs;
	}

	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping({ "/inbox/messages/{id}/attachments/{index}", "/api/v1/messages/{id}/attachments/{index}" })
	ResponseEntity<InputStreamResource> download(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@PathVariable int index) {
		Message message = messages.findById(id).orElseThrow(() -> new NotFoundException("No message " + id));
		access.conversation(me, message.conversationId());
		if (index < 0 || index >= message.attachments().size()) {
			throw new NotFoundException("No attachment " + index + " on message " + id);
		}
		Attachment attachment = message.attachments().get(index);
		String url = attachment.url() == null ? "" : attachment.url();
		InputStream content = url.startsWith("blob:") ? blobs.open(url.substring(5)).orElse(null) : null;
		if (content == null) {
			throw new NotFoundException("The attachment " + attachment.name() + " was not kept");
		}
		boolean shown = SHOWN.contains(attachment.contentType().toLowerCase(java.util.Locale.ROOT));
		return ResponseEntity.ok()
			.contentType(
					shown ? MediaType.parseMediaType(attachment.contentType()) : MediaType.APPLICATION_OCTET_STREAM)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					(shown ? ContentDisposition.inline() : ContentDisposition.attachment())
						.filename(attachment.name(), java.nio.charset.StandardCharsets.UTF_8)
						.build()
						.toString())
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", "default-src 'none'; sandbox")
			.body(new InputStreamResource(content));
	}

}
