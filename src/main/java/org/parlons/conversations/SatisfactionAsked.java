package org.parlons.conversations;

/**
 * A resolution asks the customer how it went: the channel they used asks them in its own
 * way (a link by email, buttons in the web chat), with {@link Satisfaction#tokenOf}'s
 * link.
 *
 * @param surveyId the survey to answer
 * @param channel the conversation's channel
 */
public record SatisfactionAsked(long surveyId, long conversationId, long inboxId, String channel, long customerId) {
}
