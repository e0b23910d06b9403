package io.github.itopdata.core.db.internal;

import io.github.itopdata.core.db.DataDirectoryLockedException;
import io.github.itopdata.core.db.DatabaseException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exclusive lock on a data directory, held by one command for its whole run.
 *
 * <p>The lock is an operating-system lock on the file {@code itop.lock}, so it disappears with
 * the process, even one killed by SIGKILL. The holder writes its pid and command line into the
 * file so that a waiting command can name it.
 *
 * <p>Within one JVM, the locks held are also kept in a table: closing any channel on a locked
 * file releases the JVM's lock on it, so a second attempt from the same JVM must not open the
 * file at all.
 */
public final class DataDirectoryLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectoryLock.class);
    private static final long POLL_MILLIS = 200;
    private static final int MAX_HOLDER_BYTES = 4096;

    /** Locks held by this JVM, by lock file, with the holder description written in the file. */
    private static final Map<Path, Holder> HELD_IN_THIS_JVM = new HashMap<>();

    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(Path lockFile, FileChannel channel, FileLock lock) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock, waiting up to {@code wait} for the command that holds it. The first time
     * it has to wait, it logs a warning that names the holder.
     *
     * @param command the command line of this process, secrets masked, recorded for waiters
     * @throws DataDirectoryLockedException when the lock is still held after {@code wait}
     */
    public static DataDirectoryLock acquire(Path lockFile, Duration wait, String command) {
        Path file = lockFile.toAbsolutePath().normalize();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new DatabaseException("Could not create the data directory " + file.getParent() + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        boolean announced = false;
        while (true) {
            Attempt attempt = tryAcquire(file, command);
            if (attempt.lock() != null) {
                return attempt.lock();
            }
            Holder holder = attempt.holder();
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new DataDirectoryLockedException(file.getParent(), holder.pid(), holder.command(), wait);
            }
            if (!announced) {
                LOG.warn("Waiting up to {} s for the data directory {}, which is in use by {}",
                        wait.toSeconds(), file.getParent(), DataDirectoryLockedException.describeHolder(holder.pid(), holder.command()));
                announced = true;
            }
            sleep(Math.min(POLL_MILLIS, Math.max(1, remaining / 1_000_000)));
        }
    }

    private static Attempt tryAcquire(Path file, String command) {
        synchronized (HELD_IN_THIS_JVM) {
            Holder heldHere = HELD_IN_THIS_JVM.get(file);
            if (heldHere != null) {
                return new Attempt(null, heldHere);
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    Holder holder = readHolder(channel);
                    channel.close();
                    return new Attempt(null, holder);
                }
                Holder self = new Holder(OptionalLong.of(ProcessHandle.current().pid()), command);
                writeHolder(channel, self);
                HELD_IN_THIS_JVM.put(file, self);
                return new Attempt(new DataDirectoryLock(file, channel, lock), null);
            } catch (IOException e) {
                closeQuietly(channel, e);
                throw new DatabaseException("Could not lock the data directory through " + file + ": " + e.getMessage()
                        + ". Check that the directory is writable by this user.", e);
            }
        }
    }

    private static void writeHolder(FileChannel channel, Holder holder) throws IOException {
        String text = holder.pid().getAsLong() + "\n" + holder.command().replace('\n', ' ') + "\n";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
    }

    private static Holder readHolder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_HOLDER_BYTES);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // reads until the end of the file or the buffer is full
        }
        String[] lines = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\n", -1);
        OptionalLong pid = OptionalLong.empty();
        try {
            pid = OptionalLong.of(Long.parseLong(lines[0].strip()));
        } catch (NumberFormatException e) {
            // the holder has not written its pid yet
        }
        String command = lines.length > 1 ? lines[1].strip() : "";
        return new Holder(pid, command);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("Interrupted while waiting for the data directory lock", e);
        }
    }

    private static void closeQuietly(FileChannel channel, Exception primary) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    public Path lockFile() {
        return lockFile;
    }

    /** Releases the lock; the file stays, with the last holder's description in it. */
    @Override
    public void close() {
        synchronized (HELD_IN_THIS_JVM) {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new DatabaseException("Could not release the data directory lock " + lockFile + ": " + e.getMessage(), e);
            } finally {
                HELD_IN_THIS_JVM.remove(lockFile);
            }
        }
    }

    private record Holder(OptionalLong pid, String command) {
    }

    private record Attempt(DataDirectoryLock lock, Holder holder) {
    }
}
