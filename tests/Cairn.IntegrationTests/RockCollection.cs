namespace Cairn.IntegrationTests;

/// <summary>Rock tests share host ports (8000, 9102) and the machine's two cores: they run one at a time.</summary>
[CollectionDefinition(nameof(RockCollection), DisableParallelization = true)]
public sealed class RockCollection;
