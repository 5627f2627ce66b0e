/**
 * Governance of what agents say in the brand's name: mandates (what an agent may commit to), replies
 * held for approval by someone whose mandate covers them, and code-of-conduct checks before sending.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Governance")
package org.parlons.governance;
