using Cairn.Project.Model;
using YamlDotNet.RepresentationModel;

namespace Cairn.Project;

/// <summary>A project after validation and extension expansion: the typed model and the document it was read from.</summary>
/// <param name="Project">The validated, expanded project.</param>
/// <param name="Document">The expanded document (hyphenated keys), as <c>expand-extensions</c> prints it.</param>
/// <param name="ProjectDirectory">The directory holding rockcraft.yaml.</param>
public sealed record LoadedProject(RockProject Project, YamlMappingNode Document, string ProjectDirectory);
