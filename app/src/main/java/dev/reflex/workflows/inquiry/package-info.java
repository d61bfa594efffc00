/**
 * Inquiries ({@code core.ask} on the {@code inquirer} runner): an execution that waits, in status
 * {@code pending}, for a person to answer a question described by a JSON schema. While it waits, the
 * workflows above it are paused; a valid answer completes it and resumes them, and an inquiry that is
 * not answered within its TTL times out. The question and its answer are kept in the {@code inquiry}
 * table, so pending inquiries survive a restart.
 */
package dev.reflex.workflows.inquiry;
