namespace Mlops.Data.Tokenization;

/// <summary>A text's length in word pieces ([CLS] and [SEP] not counted) and how many of them the vocabulary did not know ([UNK]).</summary>
public readonly record struct TokenCount(int Tokens, int Unknown);
