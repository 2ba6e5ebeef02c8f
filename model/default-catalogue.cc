/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "default-catalogue.h"

#include "ns3/log.h"

#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

NS_LOG_COMPONENT_DEFINE("DefaultCatalogue");

namespace
{
constexpr double BYTES_PER_PARAM = 2; //!< fp16/bf16 (model-facts.csv)
constexpr double FLOPS_PER_PARAM = 2; //!< forward FLOPs per token per parameter (Kaplan)
constexpr double M = 1e6;             //!< million

// model-facts.csv
constexpr double LLAMA7 = 7000 * M;      //!< llama-2-7b parameters
constexpr double LLAMA13 = 13000 * M;    //!< llama-2-13b parameters
constexpr double LLAMA70 = 70000 * M;    //!< llama-2-70b parameters
constexpr double ROBERTA = 125 * M;      //!< roberta-base parameters
constexpr double ROBERTA_LORA = 0.8 * M; //!< roberta-base LoRA trainable parameters
constexpr double DEBERTA = 1500 * M;     //!< deberta-xxl parameters
constexpr double DEBERTA_LORA = 4.7 * M; //!< deberta-xxl LoRA trainable parameters
constexpr double BERT_BASE_HIDDEN = 768; //!< bert-base hidden size (= roberta-base)
constexpr double BERT_BASE_LAYERS = 12;  //!< bert-base layers (= roberta-base)

/// Add a model with FLOPs/token = 2 x its parameters (the sum over its blocks).
void
Add(ModelCatalogue& c,
    const std::string& id,
    const std::string& family,
    const std::string& task,
    double accuracy,
    const std::vector<std::string>& blocks)
{
    double params = 0;
    for (const auto& b : blocks)
    {
        params += c.GetBlocks()[c.FindBlock(b)].bytes / BYTES_PER_PARAM;
    }
    c.AddModel(PfmModel{id, family, task, accuracy, FLOPS_PER_PARAM * params, {}}, blocks);
}
} // namespace

ModelCatalogue
DefaultCatalogue::Build()
{
    ModelCatalogue c;
    // Llama-2: LoRA adapters on the whole base (shared), and full fine-tunes (no sharing).
    const double loraRatio = DEBERTA_LORA / DEBERTA; // derived, see header

    struct Llama
    {
        const char* name;
        double params;
        double mmlu;
        bool fullFineTunes;
    };

    for (const auto& l : {Llama{"llama-2-7b", LLAMA7, 0.453, true},
                          Llama{"llama-2-13b", LLAMA13, 0.548, true},
                          Llama{"llama-2-70b", LLAMA70, 0.689, false}})
    {
        std::string base = std::string(l.name) + "/base";
        c.AddBlock(base, l.params * BYTES_PER_PARAM);
        for (const char* task : {"code", "conv"})
        {
            std::string lora = std::string(l.name) + "/lora-" + task;
            c.AddBlock(lora, l.params * loraRatio * BYTES_PER_PARAM);
            Add(c, std::string(l.name) + "-lora-" + task, l.name, task, l.mmlu, {base, lora});
            if (l.fullFineTunes)
            {
                std::string full = std::string(l.name) + "/full-" + task;
                c.AddBlock(full, l.params * BYTES_PER_PARAM);
                Add(c, std::string(l.name) + "-full-" + task, "", task, l.mmlu, {full});
            }
        }
    }

    // RoBERTa-base: the pretrained weights as two blocks (bottom: embeddings + layers 0-7;
    // top: layers 8-11), so that LoRA variants (both blocks + adapter) and top-4 fine-tunes
    // (bottom + private top) share the bottom block by content.
    const double layer = 12 * BERT_BASE_HIDDEN * BERT_BASE_HIDDEN;
    const double embeddings = ROBERTA - BERT_BASE_LAYERS * layer;
    c.AddBlock("roberta-base/emb-l0-7", (embeddings + 8 * layer) * BYTES_PER_PARAM);
    c.AddBlock("roberta-base/l8-11", 4 * layer * BYTES_PER_PARAM);

    struct Glue
    {
        const char* task;
        double robertaLora; // roberta-base LoRA score (model-facts.csv)
    };

    const std::vector<Glue> glue{{"mnli", 0.875},
                                 {"sst2", 0.951},
                                 {"mrpc", 0.897},
                                 {"qnli", 0.933},
                                 {"qqp", 0.908},
                                 {"rte", 0.866}};
    c.AddBlock("deberta-xxl/base", DEBERTA * BYTES_PER_PARAM);
    for (const auto& g : glue)
    {
        std::string t = g.task;
        c.AddBlock("roberta-base/lora-" + t, ROBERTA_LORA * BYTES_PER_PARAM);
        Add(c,
            "roberta-base-lora-" + t,
            "roberta-base",
            t,
            g.robertaLora,
            {"roberta-base/emb-l0-7", "roberta-base/l8-11", "roberta-base/lora-" + t});
        c.AddBlock("roberta-base/top4-" + t, 4 * layer * BYTES_PER_PARAM);
        Add(c,
            "roberta-base-top4-" + t,
            "roberta-base",
            t,
            0.8640,
            {"roberta-base/emb-l0-7", "roberta-base/top4-" + t});
        c.AddBlock("deberta-xxl/lora-" + t, DEBERTA_LORA * BYTES_PER_PARAM);
        Add(c,
            "deberta-xxl-lora-" + t,
            "deberta-xxl",
            t,
            0.9132,
            {"deberta-xxl/base", "deberta-xxl/lora-" + t});
    }
    for (const char* t : {"mnli", "sst2"})
    {
        std::string full = std::string("deberta-xxl/full-") + t;
        c.AddBlock(full, DEBERTA * BYTES_PER_PARAM);
        Add(c, std::string("deberta-xxl-full-") + t, "", t, 0.9106, {full});
    }
    NS_LOG_INFO("default catalogue: " << c.GetNModels() << " models, " << c.GetNBlocks()
                                      << " blocks");
    return c;
}

} // namespace mecpfm
} // namespace ns3
