package org.parlons.conversations;

import java.util.Set;

/**
 * The texts of these conversations were erased (a customer's erasure, or retention), in
 * this transaction: modules that copied their texts (held replies, mentions) erase them
 * too. Published synchronously.
 *
 * @param conversationIds the conversations
 */
public record ConversationsErased(Set<Long> conversationIds) {

	public ConversationsErased {
		conversationIds = Set.copyOf(conversationIds);
	}

}
