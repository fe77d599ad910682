using Cairn.Diagnostics;

namespace Cairn.Project.Extensions;

/// <summary>Reads a file of the project directory for an extension; an unreadable file is the user's problem, not a crash.</summary>
public static class ProjectFiles
{
    /// <summary>The text of <paramref name="path"/>, or throws a user <see cref="CairnException"/> naming <paramref name="display"/>.</summary>
    public static string Read(string path, string display)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CairnException.User(ProjectErrorCodes.FlaskProject, $"cannot read {display}: {e.Message}",
                "make the file readable by the user running cairn", new SourceLocation(display));
        }
    }
}
