namespace Mlops.Data.Tests.Hub;

/// <summary>
/// A dataset card (README.md) in the form nyu-mll/glue publishes, cut to four subsets: <c>dataset_info</c> gives each
/// subset's features (class labels with their names by index) and <c>configs</c> each split's files.
/// </summary>
internal static class GlueCard
{
    public const string Readme = """
        ---
        pretty_name: GLUE (General Language Understanding Evaluation benchmark)
        dataset_info:
        - config_name: cola
          features:
          - name: sentence
            dtype: string
          - name: label
            dtype:
              class_label:
                names:
                  '0': unacceptable
                  '1': acceptable
          - name: idx
            dtype: int32
        - config_name: mnli
          features:
          - name: premise
            dtype: string
          - name: hypothesis
            dtype: string
          - name: label
            dtype:
              class_label:
                names:
                  '0': entailment
                  '1': neutral
                  '2': contradiction
        - config_name: mrpc
          features:
          - name: sentence1
            dtype: string
          - name: sentence2
            dtype: string
          - name: label
            dtype:
              class_label:
                names:
                  '0': not_equivalent
                  '1': equivalent
          - name: idx
            dtype: int32
        - config_name: stsb
          features:
          - name: label
            dtype: float32
        configs:
        - config_name: cola
          data_files:
          - split: train
            path: cola/train-*
          - split: validation
            path: cola/validation-*
        - config_name: mnli
          data_files:
          - split: train
            path: mnli/train-*
          - split: validation_matched
            path: mnli/validation_matched-*
        - config_name: mrpc
          data_files:
          - split: train
            path: mrpc/train-*
          - split: validation
            path: mrpc/validation-*
          - split: test
            path: mrpc/test-*
        - config_name: stsb
          data_files:
          - split: train
            path: stsb/train-*
        ---

        # Dataset Card for GLUE
        """;
}
