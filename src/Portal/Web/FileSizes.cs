namespace MarketEdge.Portal.Web;

/// <summary>A file's size as people read it: 930 bytes, 14 KB, 3.2 MB, 1.5 GB.</summary>
public static class FileSizes
{
    public static string Readable(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{bytes / 1024.0:0} KB",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.0} MB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.0} GB",
    };
}
