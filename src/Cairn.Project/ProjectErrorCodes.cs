namespace Cairn.Project;

/// <summary>The stable codes of project-file problems (CAIRN1xxx) and extension problems (CAIRN2xxx); see docs/errors.md.</summary>
public static class ProjectErrorCodes
{
    /// <summary>The project directory has no rockcraft.yaml, or it cannot be read.</summary>
    public const string MissingProjectFile = "CAIRN1001";

    /// <summary>The file is not well-formed YAML.</summary>
    public const string MalformedYaml = "CAIRN1002";

    /// <summary>A mapping sets the same key twice.</summary>
    public const string DuplicateKey = "CAIRN1003";

    /// <summary>A key that the schema does not know.</summary>
    public const string UnknownKey = "CAIRN1004";

    /// <summary>A value of the wrong YAML type.</summary>
    public const string WrongType = "CAIRN1005";

    /// <summary>A required key is missing.</summary>
    public const string MissingKey = "CAIRN1006";

    /// <summary>An invalid project name.</summary>
    public const string InvalidName = "CAIRN1007";

    /// <summary>An invalid version.</summary>
    public const string InvalidVersion = "CAIRN1008";

    /// <summary>An unsupported base or build-base.</summary>
    public const string InvalidBase = "CAIRN1009";

    /// <summary>An invalid license.</summary>
    public const string InvalidLicense = "CAIRN1010";

    /// <summary>An invalid platforms entry.</summary>
    public const string InvalidPlatform = "CAIRN1011";

    /// <summary>A key rockcraft forbids (entrypoint, cmd, env).</summary>
    public const string ForbiddenKey = "CAIRN1012";

    /// <summary>An invalid value elsewhere in the top-level keys (title, run-user, environment, entrypoint-service, package-repositories).</summary>
    public const string InvalidValue = "CAIRN1013";

    /// <summary>An invalid Pebble service or check.</summary>
    public const string InvalidService = "CAIRN1014";

    /// <summary>An invalid part definition.</summary>
    public const string InvalidPart = "CAIRN1015";

    /// <summary>An unknown `cairn init` profile.</summary>
    public const string UnknownProfile = "CAIRN1020";

    /// <summary>`cairn init` would overwrite a file.</summary>
    public const string InitFileExists = "CAIRN1021";

    /// <summary>An unknown extension.</summary>
    public const string UnknownExtension = "CAIRN2001";

    /// <summary>An extension used with a base it does not support.</summary>
    public const string UnsupportedBase = "CAIRN2002";

    /// <summary>A project that does not meet the flask-framework extension's requirements.</summary>
    public const string FlaskProject = "CAIRN2003";

    /// <summary>A Python file the extension could not parse.</summary>
    public const string PythonSyntax = "CAIRN2004";

    /// <summary>An invalid prime entry of flask-framework/install-app.</summary>
    public const string InstallAppPrime = "CAIRN2005";
}
