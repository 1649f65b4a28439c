package org.flushcheck.bench;

import java.util.concurrent.TimeUnit;
import org.flushcheck.detect.Detectors;
import org.flushcheck.sync.AfsRwLock;
import org.flushcheck.sync.Domain;
import org.flushcheck.sync.Mutex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of the choke point on an uncontended acquire: a Mutex lock+unlock, and an
 * afs_rwlock_t obtainWrite+releaseWrite under a held AFS_GLOCK, with every detector off
 * ({@code Domain.withoutDetectors()}) and on ({@code Detectors.all()}: wait-for graph,
 * lock-class graph with a call-site stack walk per acquire, watchdog).
 *
 * HOW TO RUN
 *   mvn -B -q package -pl benchmarks -am -DskipTests
 *   java -jar benchmarks/target/benchmarks.jar MutexBench -f 1 -wi 3 -w 1 -i 5 -r 1
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MutexBench {

    @Param({"off", "on"})
    public String detectors;

    private Mutex mutex;
    private Mutex glock;
    private AfsRwLock avc;

    @Setup(Level.Trial)
    public void setUp() {
        Domain d = detectors.equals("on") ? new Domain(Detectors.all()) : Domain.withoutDetectors();
        mutex = new Mutex(d, "i_mutex");
        glock = new Mutex(d, "AFS_GLOCK");
        avc = new AfsRwLock(d, "avc->lock", glock);
        glock.lock();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        glock.unlock();
    }

    @Benchmark
    public void mutexLockUnlock() {
        mutex.lock();
        mutex.unlock();
    }

    @Benchmark
    public void rwlockWriteUnderGlock() {
        avc.obtainWrite();
        avc.releaseWrite();
    }
}
