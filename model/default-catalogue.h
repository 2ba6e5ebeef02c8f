/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_DEFAULT_CATALOGUE_H
#define MEC_PFM_DEFAULT_CATALOGUE_H

#include "model-catalogue.h"

#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief The default model catalogue, built from published facts (data/model-facts.csv).
 *
 * 30 fine-tuned models in 5 families, covering the three sharing patterns:
 *
 * | family | pattern | models | tasks |
 * |---|---|---|---|
 * | llama-2-7b, -13b, -70b | LoRA adapter on the whole shared base | 6 | code, conv |
 * | llama-2-7b, -13b full fine-tunes | no sharing (every weight changed) | 4 | code, conv |
 * | roberta-base | LoRA on the whole base | 6 | mnli sst2 mrpc qnli qqp rte |
 * | roberta-base | frozen bottom (embeddings + layers 0-7) + private top 4 layers | 6 | same |
 * | deberta-xxl | LoRA on the whole base | 6 | same |
 * | deberta-xxl full fine-tunes | no sharing | 2 | mnli, sst2 |
 *
 * Copied facts: parameter counts (llama-2 7/13/70 B, roberta-base 125 M, deberta-xxl
 * 1.5 B), LoRA trainable parameters (roberta-base 0.8 M, deberta-xxl 4.7 M), accuracies
 * (llama-2 MMLU 45.3/54.8/68.9 %, roberta-base LoRA per GLUE task, GLUE averages).
 * Derived, and how:
 * - bytes = parameters x 2 (fp16/bf16); FLOPs per token = 2 x parameters (Kaplan et al.);
 * - llama-2 LoRA adapter parameters = 4.7/1500 of the base (the deberta-xxl LoRA ratio,
 *   the closest published ratio for a large model);
 * - roberta-base layer split: 12 layers (as bert-base) of 12 h^2 parameters with h = 768
 *   (bert-base hidden size) = 7.08 M each; the rest of the 125 M is embeddings;
 * - accuracy of a llama-2 variant on code and conv = the base's MMLU (proxy: the facts give
 *   no per-task score); roberta-base top-4 fine-tunes and deberta-xxl full fine-tunes =
 *   the family's GLUE average with full fine-tuning (86.40, 91.06); deberta-xxl LoRA = its
 *   GLUE average with LoRA (91.32); roberta-base LoRA = its per-task LoRA score (CoLA and
 *   STS-B, not accuracies, are left out).
 */
class DefaultCatalogue
{
  public:
    /// \return the catalogue
    static ModelCatalogue Build();

    /// How BuildSharing builds every (family, task) model.
    enum SharingVariant
    {
        SHARED_BACKBONE, //!< a frozen bottom block per family, a private top block per task
        LORA,            //!< the whole base per family, a LoRA adapter per task
        NO_SHARING       //!< one private block per model (a full fine-tune)
    };

    /**
     * \brief The sharing experiment's catalogues: the same 18 (family, task) models, built
     * one way.
     *
     * Families and tasks: llama-2-7b, -13b, -70b x (code, conv); roberta-base and
     * deberta-xxl x (mnli, sst2, mrpc, qnli, qqp, rte). Model ids are FAMILY-VARIANT-TASK
     * (VARIANT top, lora or full). Block sizes (parameters x 2 bytes):
     * - LORA: the base (all parameters) and an adapter of the published LoRA trainable
     *   parameters (roberta-base 0.8 M, deberta-xxl 4.7 M; llama-2: base x 4.7/1500, as in
     *   Build());
     * - SHARED_BACKBONE: roberta-base's top 4 layers (4 x 12 h^2, h = 768, as in Build())
     *   private, the rest frozen and shared; the other families have no layer facts in
     *   data/model-facts.csv, so their private top block is the same fraction of their
     *   parameters (4 x 12 x 768^2 / 125 M = 22.6 %);
     * - NO_SHARING: one block of all the parameters.
     *
     * Accuracies (the same proxies as Build()): LoRA variants the published LoRA scores
     * (roberta-base per GLUE task, deberta-xxl's LoRA GLUE average); top-layer and full
     * fine-tunes the full fine-tune GLUE averages (roberta-base 86.40, deberta-xxl 91.06);
     * llama-2 always its MMLU. FLOPs per token: 2 x the parameters of the model's blocks.
     * \param v the variant
     * \return the catalogue
     */
    static ModelCatalogue BuildSharing(SharingVariant v);

    /// \return the names a scenario's "catalogue" field takes: "default" (Build) and
    /// "sharing-backbone", "sharing-lora", "sharing-none" (BuildSharing)
    static std::vector<std::string> GetNames();

    /**
     * \brief The catalogue of a name of GetNames().
     * \param name the name
     * \param out receives the catalogue
     * \return false if the name is not one of GetNames()
     */
    static bool BuildNamed(const std::string& name, ModelCatalogue& out);
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_DEFAULT_CATALOGUE_H */
