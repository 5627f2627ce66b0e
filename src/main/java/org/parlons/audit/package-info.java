/**
 * The audit log: sign-ins, agents created, approvals, escalations, messages sent, merges and exports,
 * appended in the transaction of the action they record, searchable and exportable by administrators.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package org.parlons.audit;
