#!/usr/bin/env python3
"""framescope on Spark: classify a JSON Lines corpus partition by partition,
then merge, with the same aggregate as one process, byte for byte.

Map, on the executors: each partition of the input goes through

    framescope classify - --input-format jsonl --format jsonl --quiet --jobs 1

(and --rules when a pack is given). Its profiles are written to PROFILES
(part-00000, part-00001, ...) and also fed to `framescope merge -`, which
sums them into the partition's aggregate. Reduce: one task runs
`framescope merge` over those aggregates (on an executor, where the binary
is: the driver needs none). merge's sums are exact, so the result equals
`merge` over all the profiles, which equals one run. The driver writes it
to the --aggregate file. Lines that classify skips are reported in the
driver's log with their file and line, as one run reports them; a
partition whose classify fails stops the job with classify's messages.

Run it with spark-submit and ship the binary (and, if you want, a rule
pack) with it:

    spark-submit --master 'local[2]' --files target/release/framescope \\
        examples/spark/classify.py corpus.jsonl profiles --by outlet \\
        -o aggregate.json

    tar -czf rules.tar.gz -C my-rules .
    spark-submit --master yarn --files framescope --archives rules.tar.gz#rules \\
        classify.py 'hdfs:///corpus/*.jsonl' hdfs:///profiles --by outlet \\
        --rules rules -o aggregate.json

Exit status: 0 when done, 1 when the recipe failed (the reason is the last
lines of the log), 2 for a bad command line.
"""

import argparse
import contextlib
import glob
import itertools
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
from urllib.parse import urlparse

from pyspark import SparkConf, SparkContext, SparkFiles
from pyspark.accumulators import AccumulatorParam

# Messages of this recipe start with this, in the driver's log and in the
# errors raised on executors.
TAG = "framescope-spark"
# An executor's error travels to the driver inside a Java stack trace; these
# lines mark where its message starts and ends.
BEGIN = "<<<framescope-spark"
END = "framescope-spark>>>"

# The one place a position appears in classify's messages: `-:LINE` or
# `-:LINE:COLUMN` (stdin's name, `-`), after a space or at the start.
STDIN_POSITION = re.compile(r"(^|\s)-:(\d+)\b")


class RecipeError(Exception):
    """A failure with a message meant for the user, raised on an executor."""

    def __init__(self, message):
        super().__init__(f"{BEGIN}\n{message}\n{END}")


class Reports(AccumulatorParam):
    """Per partition, what its executor saw: a dict keyed by partition index,
    so that a task Spark runs twice (a retry, a speculative copy) adds the
    same entry twice, not two entries."""

    def zero(self, value):
        return {}

    def addInPlace(self, a, b):
        a.update(b)
        return a


def log(message):
    """Writes one message to the driver's log (stderr)."""
    print(f"{TAG}: {message}", file=sys.stderr, flush=True)


def fail(message):
    """Logs an error (its first line after `error:`) and exits with status 1."""
    first, *rest = message.rstrip("\n").split("\n")
    log(f"error: {first}")
    for line in rest:
        log(f"  {line}")
    sys.exit(1)


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="classify.py",
        description="Classify JSON Lines with framescope on Spark and merge "
        "the profiles into one aggregate.",
        epilog="Run it with spark-submit; ship the binary with --files "
        "(or give --binary a path on the driver, shipped for you).",
    )
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="JSON Lines files (.jsonl, .jsonl.gz), directories of them or "
        "globs; any file system Spark reads (file:, hdfs:, s3a:, ...)",
    )
    p.add_argument(
        "profiles",
        metavar="PROFILES",
        help="directory the profiles are written to (part-00000, ...); must not exist yet",
    )
    p.add_argument(
        "-o",
        "--aggregate",
        required=True,
        metavar="FILE",
        help="the merged aggregate (whole or not at all): a path on the driver, "
        "or a URI such as hdfs:///results/aggregate.json",
    )
    p.add_argument("--by", metavar="KEY", help="metadata key to group by (merge --by)")
    p.add_argument(
        "--binary",
        default="framescope",
        metavar="PATH",
        help="the framescope binary: the name it was shipped under with "
        "spark-submit --files, or a file on the driver, which is then shipped "
        "(default: framescope)",
    )
    p.add_argument(
        "--rules",
        metavar="DIR",
        help="a rule pack: the name given to spark-submit --archives "
        "(rules.tar.gz#NAME) or --files, or a directory on the driver, which "
        "is then shipped (default: the pack built into the binary)",
    )
    p.add_argument(
        "--partitions",
        type=int,
        metavar="N",
        help="at least N partitions per input file (Spark's minPartitions; "
        "a gzipped file is always one)",
    )
    p.add_argument(
        "--classify-arg",
        action="append",
        default=[],
        metavar="ARG",
        help="one more argument for classify, e.g. --classify-arg=--strict or "
        "--classify-arg=--text-field=body (repeatable)",
    )
    p.add_argument(
        "--compare",
        metavar="FILE",
        help="also run `framescope compare PROFILES --by KEY` on the driver "
        "and write its output to FILE (PROFILES must be on a file system "
        "the driver can read)",
    )
    p.add_argument(
        "--compare-arg",
        action="append",
        default=[],
        metavar="ARG",
        help="one more argument for compare, e.g. --compare-arg=--pair-by=event",
    )
    args = p.parse_args(argv)
    if args.compare and not args.by:
        p.error("--compare needs --by")
    if args.compare and not is_local(args.profiles):
        p.error(
            f"--compare reads the profiles on the driver, and {args.profiles} is "
            "not a local path: copy them (e.g. hdfs dfs -get) and run "
            "framescope compare there"
        )
    if args.partitions is not None and args.partitions < 1:
        p.error("--partitions must be at least 1")
    return args


def is_local(uri):
    """Whether `uri` names a file on the driver's own file system."""
    return urlparse(uri).scheme in ("", "file")


def local_path(uri):
    """`file:/a/b` as `/a/b`; other strings as they are."""
    parsed = urlparse(uri)
    return parsed.path if parsed.scheme == "file" else uri


def shipped_names(conf):
    """The names under which spark-submit's --files and --archives are found
    on executors (`SparkFiles.get(name)`)."""
    names = set()
    for key in ("spark.files", "spark.archives"):
        for uri in filter(None, conf.get(key, "").split(",")):
            alias = urlparse(uri).fragment
            names.add(alias or os.path.basename(urlparse(uri).path.rstrip("/")))
    return names


def ship(sc, path, what):
    """Where executors find `path`: ("shipped", name) for a file spark-submit
    shipped (--files, --archives) or one on the driver, shipped here with
    addFile; ("node", path) for an absolute path installed on every node."""
    name = os.path.basename(path.rstrip("/"))
    if name in shipped_names(sc.getConf()):
        return ("shipped", name)
    if os.path.exists(path):
        sc.addFile(os.path.abspath(path), recursive=os.path.isdir(path))
        log(f"shipping the {what} {path} to the executors")
        return ("shipped", name)
    if os.path.isabs(path):
        return ("node", path)
    fail(
        f"the {what} {path!r} is not shipped (spark-submit --files or --archives), "
        "not a file here to ship, and not an absolute path installed on every node"
    )


def on_executor(where, what):
    """The path of a shipped or installed file on this executor, or a
    RecipeError naming the executor."""
    kind, name = where
    path = SparkFiles.get(name) if kind == "shipped" else name
    if os.path.exists(path):
        return path
    how = "--files" if what == "binary" else "--archives rules.tar.gz#NAME"
    raise RecipeError(
        f"the {what} {name!r} is missing on executor {socket.gethostname()}: "
        f"no {path}; ship it with spark-submit {how}"
    )


def binary_on_driver(sc, binary):
    """The binary for `compare` on the driver: the file given, or the copy
    spark-submit --files put on the driver."""
    if os.path.isfile(binary):
        return os.path.abspath(binary)
    shipped = SparkFiles.get(os.path.basename(binary))
    if os.path.isfile(shipped):
        return shipped
    fail(f"--compare runs framescope on the driver: {binary!r} is not a file here")


def expand(sc, patterns):
    """The input files (URIs), in order: each pattern's matches sorted, a
    directory's files (not those Hadoop hides, `_*` and `.*`) sorted, as
    `classify DIR` walks them. Each comes with the name its messages give:
    the path as the user wrote it for a local path."""
    jvm = sc._jvm
    hadoop_conf = sc._jsc.hadoopConfiguration()
    files = []
    for pattern in patterns:
        path = jvm.org.apache.hadoop.fs.Path(pattern)
        fs = path.getFileSystem(hadoop_conf)
        statuses = fs.globStatus(path)
        if not statuses:
            fail(f"no input matches {pattern}")
        found = []
        for status in statuses:
            if status.isDirectory():
                for child in fs.listStatus(status.getPath()):
                    name = child.getPath().getName()
                    if child.isFile() and not name.startswith(("_", ".")):
                        found.append(child.getPath().toString())
            else:
                found.append(status.getPath().toString())
        for uri in sorted(found):
            files.append((uri, display_name(uri, pattern)))
    return files


def display_name(uri, pattern):
    """How one run would name the file: relative when the user's pattern was
    a relative local path, as the shell expands a glob."""
    if not is_local(uri):
        return uri
    path = local_path(uri)
    if is_local(pattern) and not os.path.isabs(local_path(pattern)):
        return os.path.relpath(path)
    return path


class Collected:
    """A child's stream read to its end in a thread, as decoded lines."""

    def __init__(self, stream):
        self.lines = []
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream):
        for raw in stream:
            self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))
        stream.close()

    def wait(self):
        """The lines, once the stream has ended."""
        self._thread.join()
        return self.lines


class Feeder:
    """Writes lines to a child's stdin in a thread (as PySpark's RDD.pipe
    does), so that its stdout can be read meanwhile."""

    def __init__(self, stdin, lines):
        self.error = None
        self._thread = threading.Thread(target=self._write, args=(stdin, lines), daemon=True)
        self._thread.start()

    def _write(self, stdin, lines):
        try:
            for line in lines:
                stdin.write(line.encode("utf-8") + b"\n")
        except BrokenPipeError:
            # The child stopped reading (classify --strict at a bad line):
            # its exit status says why.
            pass
        except BaseException as e:  # noqa: BLE001 - raised again by wait()
            self.error = e
        finally:
            # Also when reading the partition failed: the child must see the
            # end of its input, or it would wait for more.
            close(stdin)

    def wait(self):
        """Waits for the end of the input; raises what reading it raised."""
        self._thread.join()
        if self.error is not None:
            raise self.error


def start(command):
    """Starts one framescope command with its three streams piped."""
    try:
        return subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    except OSError as e:
        raise RecipeError(
            f"cannot run the binary {command[0]} on executor {socket.gethostname()}: {e}"
        ) from None


def write(stdin, data):
    """Writes to a child's stdin; False when the child has gone (its exit
    status then says why)."""
    try:
        stdin.write(data)
        return True
    except BrokenPipeError:
        return False


def close(stdin):
    """Closes a child's stdin, whether or not it is still reading."""
    with contextlib.suppress(OSError):
        stdin.close()


def make_mapper(binary, rules, by, classify_args, starts, reports):
    """The function run on each partition (index, lines): it yields the
    partition's profile lines and adds the partition's report (classify's
    messages, the partial aggregate) to `reports`."""

    def where(index):
        return describe(starts[index])

    def locate(index, message):
        # classify numbers the partition's lines from 1, as lines of `-`.
        _, name, first, _ = starts[index]
        return STDIN_POSITION.sub(
            lambda m: f"{m.group(1)}{name}:{first + int(m.group(2)) - 1}", message, count=1
        )

    def run(index, lines):
        lines = iter(lines)
        head = next(lines, None)
        if head is None:
            return
        exe = on_executor(binary, "binary")
        command = [exe, "classify", "-", "--input-format", "jsonl", "--format", "jsonl"]
        command += ["--quiet", "--jobs", "1"]
        if rules:
            command += ["--rules", on_executor(rules, "rule pack")]
        command += classify_args
        children = []
        with tempfile.TemporaryDirectory(prefix="framescope-") as tmp:
            partial = os.path.join(tmp, "aggregate.json")
            merge_command = [exe, "merge", "-", "-o", partial] + (["--by", by] if by else [])
            try:
                classify = start(command)
                children.append(classify)
                merge = start(merge_command)
                children.append(merge)
                merge.stdout.close()
                classify_err, merge_err = Collected(classify.stderr), Collected(merge.stderr)
                feeder = Feeder(classify.stdin, itertools.chain([head], lines))
                merging = True
                for raw in classify.stdout:
                    if merging:
                        merging = write(merge.stdin, raw)
                    yield raw.rstrip(b"\n").decode("utf-8")
                status = classify.wait()
                feeder.wait()
                messages = [locate(index, m) for m in classify_err.wait()]
                if status != 0:
                    raise RecipeError(
                        f"classify exited with status {status} on {where(index)}, "
                        f"executor {socket.gethostname()}; its messages:\n" + "\n".join(messages)
                    )
                if merging:
                    close(merge.stdin)
                merge_status = merge.wait()
                if merge_status != 0:
                    raise RecipeError(
                        f"merge exited with status {merge_status} on {where(index)}; "
                        "its messages:\n" + "\n".join(merge_err.wait())
                    )
                with open(partial, encoding="utf-8") as f:
                    aggregate = f.read()
            finally:
                # On any failure (or a task Spark cancels), leave no child.
                for child in children:
                    if child.poll() is None:
                        child.kill()
                        child.wait()
        reports.add({index: {"messages": messages, "aggregate": aggregate}})

    return run


def executor_error(error):
    """The recipe's message inside a Spark job failure, if it has one."""
    found = re.search(re.escape(BEGIN) + r"\n(.*?)\n" + re.escape(END), str(error), re.S)
    return found.group(1) if found else None


def make_reducer(binary, by, partials):
    """The function run by one task to merge the partitions' aggregates
    (`partials`, a broadcast list of (index, aggregate)): on an executor,
    where the binary is, so that the driver needs none (it may be a laptop
    of another system). Returns (status, aggregate bytes, stderr, paths)."""

    def run(_):
        exe = on_executor(binary, "binary")
        with tempfile.TemporaryDirectory(prefix="framescope-merge-") as tmp:
            paths = {}
            for index, aggregate in partials.value:
                path = os.path.join(tmp, f"partition-{index:05}.json")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(aggregate)
                paths[index] = path
            # No partition had a line: merge nothing, as one run over an
            # empty corpus does.
            command = [exe, "merge", *(paths.values() or ["-"])] + (["--by", by] if by else [])
            done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True)
        stderr = done.stderr.decode("utf-8", "replace")
        yield (done.returncode, done.stdout, stderr, paths)

    return run


def write_whole(sc, target, data):
    """Writes `data` to `target` whole or not at all: a plain path on the
    driver, or a URI (hdfs:, s3a:, file:, ...) through Hadoop's file system
    (in cluster deploy mode the driver's disk is not yours to read). A
    temporary file beside it is renamed into place."""
    if not urlparse(target).scheme:
        directory = os.path.dirname(os.path.abspath(target))
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".framescope-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
        return
    hadoop = sc._jvm.org.apache.hadoop.fs
    path = hadoop.Path(target)
    fs = path.getFileSystem(sc._jsc.hadoopConfiguration())
    tmp = hadoop.Path(path.getParent(), f".{path.getName()}.partial")
    out = fs.create(tmp, True)
    try:
        out.write(bytearray(data))
    finally:
        out.close()
    if fs.exists(path):
        fs.delete(path, False)
    if not fs.rename(tmp, path):
        fs.delete(tmp, False)
        fail(f"could not write {target}")


def run_compare(binary, profiles, by, compare_args, output):
    """Runs `framescope compare` on the written profiles, on the driver."""
    directory = local_path(profiles)
    parts = sorted(glob.glob(os.path.join(directory, "part-*")))
    command = [binary, "compare", *parts, "--by", by, "--quiet", "-o", output]
    done = subprocess.run(
        command + compare_args, stdin=subprocess.DEVNULL, capture_output=True, text=True
    )
    if done.returncode != 0:
        fail(f"compare exited with status {done.returncode}:\n{done.stderr.strip()}")


def main(argv):
    args = parse_args(argv)
    conf = SparkConf().setAppName("framescope classify").setIfMissing("spark.log.level", "WARN")
    sc = SparkContext(conf=conf)
    try:
        return run(sc, args)
    finally:
        sc.stop()


def describe(start):
    """A partition as its messages name it."""
    index, name, first, count = start
    return f"partition {index} ({name}, lines {first}-{first + count - 1})"


def run(sc, args):
    binary = ship(sc, args.binary, "binary")
    rules = ship(sc, args.rules, "rule pack") if args.rules else None
    out = sc._jvm.org.apache.hadoop.fs.Path(args.profiles)
    if out.getFileSystem(sc._jsc.hadoopConfiguration()).exists(out):
        fail(f"{args.profiles} already exists: remove it or name another directory")

    files = expand(sc, args.inputs)
    rdds = []
    owners = []
    for number, (uri, _) in enumerate(files):
        rdd = sc.textFile(uri, args.partitions) if args.partitions else sc.textFile(uri)
        rdds.append(rdd)
        owners += [number] * rdd.getNumPartitions()
    corpus = sc.union(rdds) if len(rdds) > 1 else rdds[0]

    # A first, cheap pass counts each partition's lines, so that a message
    # about a partition's line n can name the file and its line.
    counts = dict(corpus.mapPartitionsWithIndex(lambda i, it: [(i, sum(1 for _ in it))]).collect())
    starts = []
    for index, number in enumerate(owners):
        same_file = index > 0 and owners[index - 1] == number
        first = starts[-1][2] + starts[-1][3] if same_file else 1
        starts.append((index, files[number][1], first, counts.get(index, 0)))
    log(f"{len(files)} file(s), {len(starts)} partitions, {sum(counts.values())} lines")

    # Map: classify every partition, write the profiles, sum them per
    # partition.
    reports = sc.accumulator({}, Reports())
    mapper = make_mapper(binary, rules, args.by, args.classify_arg, starts, reports)
    try:
        corpus.mapPartitionsWithIndex(mapper).saveAsTextFile(args.profiles)
    except Exception as e:  # noqa: BLE001 - a Spark job failure, reported below
        message = executor_error(e)
        if message is None:
            raise
        fail(message)
    done = reports.value
    for index in sorted(done):
        for message in done[index]["messages"]:
            log(message)

    # Reduce: merge the partitions' sums.
    partials = sc.broadcast([(index, done[index]["aggregate"]) for index in sorted(done)])
    reducer = make_reducer(binary, args.by, partials)
    try:
        [(status, aggregate, stderr, paths)] = (
            sc.parallelize([0], 1).mapPartitions(reducer).collect()
        )
    except Exception as e:  # noqa: BLE001 - a Spark job failure, reported below
        message = executor_error(e)
        if message is None:
            raise
        fail(message)
    if status != 0:
        for index, path in paths.items():
            stderr = stderr.replace(path, describe(starts[index]))
        fail(
            f"merging the partitions' aggregates failed (merge exited with status {status}):\n"
            + stderr.strip()
        )
    write_whole(sc, args.aggregate, aggregate)
    log(f"profiles in {args.profiles}, aggregate in {args.aggregate}")
    if args.compare:
        run_compare(
            binary_on_driver(sc, args.binary),
            args.profiles,
            args.by,
            args.compare_arg,
            args.compare,
        )
        log(f"comparison in {args.compare}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
