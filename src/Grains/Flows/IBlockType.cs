namespace Truora.Grains.Flows;

/// <summary>
/// What <see cref="BlockKinds"/> needs from a block type: its JSON name and how to read it. Static, so the type
/// name and the parser live in the block's own record and the compiler insists a new block has both.
/// </summary>
public interface IBlockType<TSelf>
    where TSelf : FlowBlock, IBlockType<TSelf>
{
    static abstract string TypeName { get; }

    /// <summary>
    /// Reads the block's fields after its <c>id</c> and <c>type</c>, reporting problems through the reader;
    /// returns null when a required field is missing (the parse is failing anyway).
    /// </summary>
    static abstract TSelf? Parse(BlockReader block);
}
