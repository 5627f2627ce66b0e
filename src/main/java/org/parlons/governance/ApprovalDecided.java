package org.parlons.governance;

/**
 * Someone approved or rejected a held reply.
 */
public record ApprovalDecided(long approvalId, long conversationId, long deciderId, String decision) {
}
