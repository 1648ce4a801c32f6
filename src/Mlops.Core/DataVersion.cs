namespace Mlops.Core;

/// <summary>
/// The version of tracked data (<c>mlops data</c>, DVC) a model was trained on: the tracked path and its hash as its
/// <c>.dvc</c> file names them, and the git commit whose <c>.dvc</c> file brings the same bytes back
/// (<c>mlops data pull --rev GIT_REV</c>) unless <see cref="Dirty"/>.
/// </summary>
/// <param name="Path">The tracked file or folder, relative to the DVC project ('/' separators).</param>
/// <param name="Md5">Its hash in the <c>.dvc</c> file (a folder's ends in <c>.dir</c>).</param>
/// <param name="DvcFile">The <c>.dvc</c> file that tracks it, relative to the DVC project.</param>
/// <param name="GitRev">The commit checked out (HEAD) when training started; null outside a git repository.</param>
/// <param name="Dirty">
/// True when that commit alone does not bring these bytes back: the data differs from its <c>.dvc</c> file, or the
/// <c>.dvc</c> file is not committed as it is.
/// </param>
public sealed record DataVersion(string Path, string Md5, string DvcFile, string? GitRev, bool Dirty);
