/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "default-catalogue.h"

#include "ns3/log.h"

#include <string>
#include <tuple>
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

namespace
{
/// One family of BuildSharing, with the facts its variants are built from.
struct SharingFamily
{
    std::string name;               //!< family
    double params;                  //!< parameters
    double loraParams;              //!< LoRA trainable parameters per task
    std::vector<std::string> tasks; //!< tasks
    std::vector<double> loraAcc;    //!< accuracy of the LoRA variant per task
    double fullAcc;                 //!< accuracy of the top-layer and full fine-tunes
};

/// \return the families of BuildSharing (model-facts.csv; derivations in the header)
std::vector<SharingFamily>
SharingFamilies()
{
    const double loraRatio = DEBERTA_LORA / DEBERTA;
    std::vector<SharingFamily> out;
    for (const auto& [name, params, mmlu] : {std::make_tuple("llama-2-7b", LLAMA7, 0.453),
                                             std::make_tuple("llama-2-13b", LLAMA13, 0.548),
                                             std::make_tuple("llama-2-70b", LLAMA70, 0.689)})
    {
        out.push_back({name, params, params * loraRatio, {"code", "conv"}, {mmlu, mmlu}, mmlu});
    }
    const std::vector<std::string> glue{"mnli", "sst2", "mrpc", "qnli", "qqp", "rte"};
    out.push_back({"roberta-base",
                   ROBERTA,
                   ROBERTA_LORA,
                   glue,
                   {0.875, 0.951, 0.897, 0.933, 0.908, 0.866},
                   0.8640});
    out.push_back(
        {"deberta-xxl", DEBERTA, DEBERTA_LORA, glue, std::vector<double>(6, 0.9132), 0.9106});
    return out;
}
} // namespace

ModelCatalogue
DefaultCatalogue::BuildSharing(SharingVariant v)
{
    NS_LOG_FUNCTION(v);
    ModelCatalogue c;
    // roberta-base's top 4 layers (bert-base layer size) as a share of its parameters.
    const double topShare = 4 * 12 * BERT_BASE_HIDDEN * BERT_BASE_HIDDEN / ROBERTA;
    for (const auto& f : SharingFamilies())
    {
        const std::string shared = f.name + (v == LORA ? "/base" : "/frozen-bottom");
        if (v == LORA)
        {
            c.AddBlock(shared, f.params * BYTES_PER_PARAM);
        }
        else if (v == SHARED_BACKBONE)
        {
            c.AddBlock(shared, f.params * (1 - topShare) * BYTES_PER_PARAM);
        }
        for (size_t i = 0; i < f.tasks.size(); ++i)
        {
            const std::string& t = f.tasks[i];
            const char* kind = v == LORA ? "lora" : (v == SHARED_BACKBONE ? "top" : "full");
            const std::string own = f.name + "/" + kind + "-" + t;
            const std::string id = f.name + "-" + kind + "-" + t;
            if (v == NO_SHARING)
            {
                c.AddBlock(own, f.params * BYTES_PER_PARAM);
                Add(c, id, f.name, t, f.fullAcc, {own});
                continue;
            }
            c.AddBlock(own, (v == LORA ? f.loraParams : f.params * topShare) * BYTES_PER_PARAM);
            Add(c, id, f.name, t, v == LORA ? f.loraAcc[i] : f.fullAcc, {shared, own});
        }
    }
    return c;
}

std::vector<std::string>
DefaultCatalogue::GetNames()
{
    return {"default", "sharing-backbone", "sharing-lora", "sharing-none"};
}

bool
DefaultCatalogue::BuildNamed(const std::string& name, ModelCatalogue& out)
{
    NS_LOG_FUNCTION(name);
    if (name == "default")
    {
        out = Build();
        return true;
    }
    const std::vector<std::pair<std::string, SharingVariant>> variants{
        {"sharing-backbone", SHARED_BACKBONE},
        {"sharing-lora", LORA},
        {"sharing-none", NO_SHARING}};
    for (const auto& [n, v] : variants)
    {
        if (n == name)
        {
            out = BuildSharing(v);
            return true;
        }
    }
    return false;
}

} // namespace mecpfm
} // namespace ns3
