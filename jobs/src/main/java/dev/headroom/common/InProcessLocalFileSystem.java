package dev.headroom.common;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}) with its permission changes and link checks made in
 * this process. Without Hadoop's native library, which Spark does not ship, the stock one starts a
 * {@code chmod} process for every file and directory it creates and a {@code readlink} process for
 * every rename and link check: about 700 processes in one run of the sample, a few milliseconds
 * each. Everything else, checksums included, is Hadoop's own; symbolic links and sticky bits still
 * take Hadoop's path. Embedded sessions use it as {@code fs.file.impl}; see {@link SparkSessions}.
 */
public class InProcessLocalFileSystem extends LocalFileSystem {

  /** A local file system whose raw layer makes its permission and link calls in process. */
  public InProcessLocalFileSystem() {
    super(new Raw());
  }

  /** The raw (checksum-less) layer, shared with {@link InProcessLocalFs} for FileContext users. */
  static final class Raw extends RawLocalFileSystem {

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (permission.getStickyBit()) {
        super.setPermission(p, permission);
        return;
      }
      File file = pathToFile(p);
      try {
        Files.setPosixFilePermissions(file.toPath(), posix(permission.toShort()));
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException("File " + p + " does not exist");
      }
    }

    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
      // For anything but a link, Hadoop's answer is getFileStatus(f) after a readlink that
      // printed nothing; a link keeps Hadoop's own handling.
      if (Files.isSymbolicLink(pathToFile(f).toPath())) {
        return super.getFileLinkStatus(f);
      }
      return getFileStatus(f);
    }
  }

  /**
   * The owner, group and other bits of {@code mode} (what Hadoop's own chmod is given: {@link
   * FsPermission#toShort}, the masked mode when a umask applies) as java.nio's permissions.
   */
  static Set<PosixFilePermission> posix(short mode) {
    // java.nio lists them from the owner's read (0400) down to the others' execute (0001).
    PosixFilePermission[] fromOwnerRead = PosixFilePermission.values();
    Set<PosixFilePermission> bits = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < fromOwnerRead.length; i++) {
      if ((mode & (0400 >> i)) != 0) {
        bits.add(fromOwnerRead[i]);
      }
    }
    return bits;
  }
}
