namespace Truora.Grains.Flows;

/// <summary>One registered block type: its JSON <c>type</c> name and its parser.</summary>
public sealed class BlockKind
{
    private readonly Func<BlockReader, FlowBlock?> parse;

    private BlockKind(string type, Func<BlockReader, FlowBlock?> parse)
    {
        Type = type;
        this.parse = parse;
    }

    public string Type { get; }

    public static BlockKind Of<TBlock>()
        where TBlock : FlowBlock, IBlockType<TBlock> =>
        new(TBlock.TypeName, block => TBlock.Parse(block));

    public FlowBlock? Parse(BlockReader block) => parse(block);
}
