package dev.headroom.common;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FsConstants;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.local.LocalConfigKeys;

/**
 * The {@link InProcessLocalFileSystem} for Hadoop's FileContext API, which Delta Lake's log uses to
 * write and rename its commits: Hadoop's {@code LocalFs} over the in-process raw layer. Hadoop's
 * own raw layer for FileContext cannot be subclassed (its constructors are package-private), so
 * {@link Raw} answers as it does: no default port, local server defaults, any name valid. Embedded
 * sessions use it as {@code fs.AbstractFileSystem.file.impl}.
 */
public class InProcessLocalFs extends ChecksumFs {

  /** Called by Hadoop's {@code AbstractFileSystem.get} by reflection. */
  public InProcessLocalFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
    super(new Raw(uri, conf));
  }

  private static final class Raw extends DelegateToFileSystem {

    Raw(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(
          uri,
          new InProcessLocalFileSystem.Raw(),
          conf,
          FsConstants.LOCAL_FS_URI.getScheme(),
          false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1;
    }

    @Override
    @SuppressWarnings("deprecation")
    public FsServerDefaults getServerDefaults() throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public FsServerDefaults getServerDefaults(Path f) throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true;
    }
  }
}
