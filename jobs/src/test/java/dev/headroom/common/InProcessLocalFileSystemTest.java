package dev.headroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.TestSpark;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.AbstractFileSystem;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsCreateModes;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local file system embedded sessions use: it answers as Hadoop's stock one does, and it
 * writes, renames and checks links with no {@code chmod} or {@code readlink} to run.
 */
class InProcessLocalFileSystemTest {

  private static final URI LOCAL = URI.create("file:///");

  private static final FsPermission UMASK_027 = new FsPermission((short) 0027);

  @Test
  void embeddedSessionsUseItForFileSystemAndFileContext() throws Exception {
    SparkSession spark = TestSpark.session();
    Configuration conf = spark.sessionState().newHadoopConf();
    // newInstance, not get: get returns whatever the JVM's cache made first.
    try (FileSystem fs = FileSystem.newInstance(LOCAL, conf)) {
      assertInstanceOf(InProcessLocalFileSystem.class, fs);
    }
    assertInstanceOf(InProcessLocalFs.class, AbstractFileSystem.get(LOCAL, conf));
  }

  @Test
  void createdFilesAndFoldersGetTheAskedPermissions(@TempDir java.nio.file.Path dir)
      throws IOException {
    try (FileSystem fs = inProcess()) {
      Path folder = new Path(dir.toUri().toString(), "folder");
      assertTrue(fs.mkdirs(folder, new FsPermission((short) 0750)));
      Path file = new Path(folder, "part-0");
      try (OutputStream out =
          fs.create(file, new FsPermission((short) 0640), false, 4096, (short) 1, 1 << 20, null)) {
        out.write("한 줄".getBytes(StandardCharsets.UTF_8));
      }
      assertEquals("rwxr-x---", posix(dir.resolve("folder")));
      assertEquals("rw-r-----", posix(dir.resolve("folder/part-0")));
      assertTrue(Files.exists(dir.resolve("folder/.part-0.crc")), "the checksum file is kept");

      fs.setPermission(file, new FsPermission((short) 0604));
      assertEquals("rw----r--", posix(dir.resolve("folder/part-0")));
      // FileContext passes the mode with the umask applied, as a subclass that prints both.
      fs.setPermission(file, FsCreateModes.applyUMask(FsPermission.getFileDefault(), UMASK_027));
      assertEquals("rw-r-----", posix(dir.resolve("folder/part-0")));
      Path missing = new Path(folder, "missing");
      FileNotFoundException notFound =
          assertThrows(
              FileNotFoundException.class,
              () -> fs.setPermission(missing, new FsPermission((short) 0644)));
      assertTrue(notFound.getMessage().contains(missing.toString()), notFound.getMessage());
    }
  }

  @Test
  void linkStatusIsHadoopsOwnForFilesFoldersAndLinks(@TempDir java.nio.file.Path dir)
      throws IOException {
    java.nio.file.Path file = Files.writeString(dir.resolve("file.txt"), "contacts");
    java.nio.file.Path folder = Files.createDirectory(dir.resolve("folder"));
    java.nio.file.Path link = Files.createSymbolicLink(dir.resolve("link"), file);
    try (FileSystem ours = inProcess();
        FileSystem stock = FileSystem.newInstance(LOCAL, stockConf())) {
      assertInstanceOf(LocalFileSystem.class, stock);
      assertFalse(stock instanceof InProcessLocalFileSystem);
      // Both forms of each path: Hadoop sees a link only in a path without its scheme.
      for (java.nio.file.Path each : List.of(file, folder, link)) {
        for (Path path : List.of(new Path(each.toUri()), new Path(each.toString()))) {
          FileStatus expected = stock.getFileLinkStatus(path);
          FileStatus actual = ours.getFileLinkStatus(path);
          String what = path.toString();
          assertEquals(expected.getPath(), actual.getPath(), what);
          assertEquals(expected.getLen(), actual.getLen(), what);
          assertEquals(expected.isDirectory(), actual.isDirectory(), what);
          assertEquals(expected.isSymlink(), actual.isSymlink(), what);
          assertEquals(expected.getPermission(), actual.getPermission(), what);
          assertEquals(expected.getOwner(), actual.getOwner(), what);
          assertEquals(expected.getModificationTime(), actual.getModificationTime(), what);
        }
      }
      FileStatus linkStatus = ours.getFileLinkStatus(new Path(link.toString()));
      assertTrue(linkStatus.isSymlink());
      assertEquals(new Path(file.toUri()), linkStatus.getSymlink());
      Path missing = new Path(dir.resolve("missing").toUri());
      assertThrows(FileNotFoundException.class, () -> ours.getFileLinkStatus(missing));
    }
  }

  /**
   * With no {@code chmod} or {@code readlink} on the PATH, a child JVM writes, lists and renames
   * through both of Hadoop's APIs; Hadoop's stock classes fail there at the first write, so the
   * check can tell the two apart.
   */
  @Test
  void writesAndRenamesRunNoProcess(@TempDir java.nio.file.Path dir) throws Exception {
    ChildResult ours = writeInChild(dir.resolve("ours"), true);
    assertEquals(0, ours.exitCode(), ours.output());
    assertTrue(ours.output().contains("written and renamed"), ours.output());

    ChildResult stock = writeInChild(dir.resolve("stock"), false);
    assertNotEquals(0, stock.exitCode(), stock.output());
    assertTrue(stock.output().contains("chmod"), stock.output());
  }

  private record ChildResult(int exitCode, String output) {}

  private static ChildResult writeInChild(java.nio.file.Path dir, boolean inProcess)
      throws Exception {
    Files.createDirectories(dir);
    List<String> command = new ArrayList<>();
    command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            LocalWrites.class.getName(),
            dir.toString(),
            String.valueOf(inProcess)));
    java.nio.file.Path log = dir.resolve("child.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("PATH", dir.resolve("no-programs-here").toString());
    Process child = builder.start();
    assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child JVM finished");
    return new ChildResult(child.exitValue(), Files.readString(log));
  }

  private static FileSystem inProcess() throws IOException {
    Configuration conf = new Configuration();
    conf.set("fs.file.impl", InProcessLocalFileSystem.class.getName());
    return FileSystem.newInstance(LOCAL, conf);
  }

  private static Configuration stockConf() {
    Configuration conf = new Configuration();
    conf.set("fs.file.impl", LocalFileSystem.class.getName());
    return conf;
  }

  private static String posix(java.nio.file.Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  /** The child JVM's work: what a Delta commit does to local files, through both APIs. */
  public static final class LocalWrites {

    public static void main(String[] args) throws Exception {
      java.nio.file.Path dir = java.nio.file.Path.of(args[0]);
      Configuration conf = new Configuration();
      if (Boolean.parseBoolean(args[1])) {
        conf.set("fs.file.impl", InProcessLocalFileSystem.class.getName());
        conf.set("fs.AbstractFileSystem.file.impl", InProcessLocalFs.class.getName());
      }
      Path table = new Path(dir.toUri().toString(), "table");
      try (FileSystem fs = FileSystem.newInstance(LOCAL, conf)) {
        fs.mkdirs(new Path(table, "_delta_log"));
        try (OutputStream out = fs.create(new Path(table, "part-0.parquet"))) {
          out.write(1);
        }
        fs.rename(new Path(table, "part-0.parquet"), new Path(table, "part-1.parquet"));
        fs.getFileLinkStatus(new Path(table, "part-1.parquet"));
        fs.listStatus(table);
      }
      FileContext context = FileContext.getFileContext(LOCAL, conf);
      Path temporary = new Path(table, "_delta_log/.00000.json.tmp");
      try (OutputStream out =
          context.create(
              temporary, EnumSet.of(CreateFlag.CREATE), Options.CreateOpts.createParent())) {
        out.write("{}".getBytes(StandardCharsets.UTF_8));
      }
      context.rename(temporary, new Path(table, "_delta_log/00000.json"), Options.Rename.NONE);
      if (!context.util().exists(new Path(table, "_delta_log/00000.json"))) {
        throw new IllegalStateException("the commit file is missing after its rename");
      }
      System.out.println("written and renamed");
    }
  }
}
