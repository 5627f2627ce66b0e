package org.parlons.agents;

import org.jspecify.annotations.Nullable;

/**
 * Who may see what changed: a team's members or inboxes were replaced, or a team was
 * created.
 */
public record PermissionsChanged(@Nullable Long actorId, long teamId, String what, String detail) {
}
