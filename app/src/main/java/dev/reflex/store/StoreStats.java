package dev.reflex.store;

/**
 * Counters of the store's writer since it started, for metrics and benchmarks.
 *
 * @param commits         transactions committed, each holding one batch of writes
 * @param writes          writes that committed
 * @param failedWrites    writes that failed and were rolled back alone while their batch committed
 * @param failedBatches   batches whose commit failed, failing every write in them
 * @param retriedBatches  batches run a second time, each write in its own savepoint, because a write
 *                        failed when they first ran together
 * @param batchedWrites   writes, failed or not, in the batches counted by {@code commits}
 * @param largestBatch    the most writes one committed batch held
 * @param queued          writes waiting for the writer when the counters were read
 */
public record StoreStats(long commits, long writes, long failedWrites, long failedBatches, long retriedBatches,
                         long batchedWrites, int largestBatch, int queued) {

    /** The mean number of writes per committed transaction, or 0 before the first commit. */
    public double averageBatch() {
        return commits == 0 ? 0 : (double) batchedWrites / commits;
    }
}
