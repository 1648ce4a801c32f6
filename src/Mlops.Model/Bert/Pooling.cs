namespace Mlops.Model.Bert;

/// <summary>How a sentence vector is made from token states before the classifier.</summary>
public enum Pooling
{
    /// <summary>Masked mean of the last hidden states (what sentence-transformers models are trained with).</summary>
    Mean,

    /// <summary>BERT's pooler over [CLS] (what Hugging Face's BertForSequenceClassification uses).</summary>
    Cls,
}
