"""The advising cases in knowledge-facts.md §3, and one conversation per deployment target,
driven through the dialogue in the user's own words; each must get the stated verdict."""

from __future__ import annotations

import pytest

from bot.advice import Recommendation
from tests.conftest import Chat
from tests.transcript import answer_until_advised


def consult(chat: Chat, opening: str, **answers: str) -> Recommendation:
    """The user opens with `opening`, then answers whatever the bot still needs to ask."""
    chat.say(opening)
    return answer_until_advised(chat, answers)


def everything(rec: Recommendation) -> str:
    return "\n".join([rec.stack, *rec.notes, *(c.text for c in rec.caveats)])


def test_case_10_tfjs_app_in_production_stays_in_the_google_web_stack(chat: Chat) -> None:
    rec = consult(
        chat,
        "we already have a tfjs pose-detection app in prod, want to add a 2nd model",
        skills="tf.js, so tensorflow",
        deployment="in the browser",
        hardware="nvidia",
        timeline="this quarter",
        priorities="nothing else",
    )
    assert chat.state.answers["existing_stack"] == ["tfjs_app"]
    assert chat.state.answers["use_case"] == ["vision"]
    assert rec.verdict == "tensorflow"
    assert "LiteRT.js" in rec.stack and "TF.js" in rec.stack
    assert "LiteRT.js is the maintained" in everything(rec)


def test_case_15_tabular_data_is_trees_first_then_pytorch(chat: Chat) -> None:
    rec = consult(
        chat,
        "200k rows of loan data, predict default. should we use tf or pytorch?",
        skills="python, pandas and sklearn",
        existing_stack="greenfield",
        deployment="batch scoring",
        hardware="cpu",
        timeline="no rush",
        priorities="nothing else",
    )
    assert chat.state.answers["use_case"] == ["tabular"]
    assert "skills" not in chat.state.answers or chat.state.answers["skills"] == ["python"]
    assert rec.notes[0].startswith("Neither first")
    assert rec.stack.startswith("Gradient-boosted trees")
    assert rec.verdict == "pytorch"  # the answer if a neural net is still wanted
    assert "ONNX" in rec.stack


def test_case_17_tf_on_tpus_keeps_tf_running_and_builds_new_models_in_keras_on_jax(chat: Chat) -> None:
    rec = consult(
        chat,
        "we're all-in on GCP/Vertex, big recsys models in TF on TPUs, should new models be tf2 or pytorch?",
        timeline="no rush",
        priorities="nothing else",
    )
    assert chat.state.answers["existing_stack"] == ["tf_production"]
    assert chat.state.answers["hardware"] == ["tpu"]
    assert rec.verdict == "either" and rec.confidence == "low"  # a close call
    assert "Keep the existing TensorFlow models running" in rec.stack
    assert "Keras 3 on the JAX backend" in rec.stack and "TorchTPU" in rec.stack


def test_case_18_on_device_llm_on_ios_is_pytorch_and_executorch(chat: Chat) -> None:
    rec = consult(
        chat,
        "iOS-only app, want an on-device 3B LLM with streaming tokens",
        skills="pytorch",
        existing_stack="greenfield",
        hardware="our macbooks",
        timeline="3 months",
        priorities="nothing else",
    )
    assert chat.state.answers["deployment"] == ["ios"]
    assert chat.state.answers["use_case"] == ["llm"]
    assert rec.verdict == "pytorch"
    assert "ExecuTorch" in rec.stack and "LLM runner" in rec.stack and "Swift" in rec.stack
    assert "Apple MLX / Core ML are alternatives" in everything(rec)


def test_case_19_gemma_on_android_without_training_is_googles_stack(chat: Chat) -> None:
    rec = consult(
        chat,
        "android app, want gemma running on device, we don't train anything",
        skills="python devs",
        existing_stack="greenfield",
        hardware="cpu only",
        timeline="asap",
        priorities="nothing else",
    )
    assert chat.state.answers["use_case"] == ["pretrained_only"]
    assert rec.verdict == "either"  # framework-neutral: nothing is trained
    assert "LiteRT-LM" in rec.stack and "MediaPipe" in rec.stack and "Gemma" in rec.stack
    assert "ExecuTorch is the PyTorch-side option" in rec.stack


def test_case_20_nightly_cpu_batch_scoring_is_pytorch_exported_to_onnx(chat: Chat) -> None:
    rec = consult(
        chat,
        "business wants nightly batch scoring on CPU-only on-prem servers, model is a small MLP. "
        "tf or torch, does it matter",
        skills="python",
        existing_stack="greenfield",
        timeline="next quarter",
        priorities="nothing else",
    )
    assert "batch" in chat.state.answers["deployment"]
    assert chat.state.answers["hardware"] == ["cpu"]
    assert rec.verdict == "pytorch"
    assert "ONNX" in rec.stack
    assert "TorchServe" not in rec.stack
    assert "On CPUs both frameworks work" in everything(rec)  # it doesn't matter much


def test_case_21_regulated_air_gapped_bank_is_pytorch_without_torchserve(chat: Chat) -> None:
    rec = consult(
        chat,
        "bank, on-prem + air-gapped, regulated, need 5+ yrs support. which is the safer bet?",
        skills="python",
        existing_stack="greenfield",
        hardware="nvidia",
        timeline="no rush",
    )
    assert chat.state.answers["priorities"] == ["long_term"]
    assert chat.state.answers["deployment"] == ["batch"]
    assert "timeline" in chat.state.answers and chat.state.answers["timeline"] == ["long"]
    assert rec.verdict == "pytorch"
    assert "Triton" in rec.stack and "ONNX Runtime" in rec.stack and "AOTInductor" in rec.stack
    assert "not TorchServe" in rec.stack
    assert "maintenance" in {c.id for c in rec.deciding}
    assert "not officially deprecated" in everything(rec)


def test_case_24_tf1_code_with_a_keras_team_is_rewritten_in_keras_3(chat: Chat) -> None:
    rec = consult(
        chat,
        "inherited a TF1 codebase (estimators, sessions) nobody understands, need to add features",
        use_case="text classification",
        skills="keras",
        deployment="cloud api",
        hardware="nvidia",
        timeline="6 months",
        priorities="nothing else",
    )
    assert chat.state.answers["existing_stack"] == ["tf1_legacy"]
    # The case calls the target close, but the totals are not (a toss-up at 6.2 vs 8.0 contradicted
    # its own numbers): Keras 3 on the PyTorch backend, and not a confident call...
    assert rec.verdict == "pytorch" and rec.confidence == "medium"
    assert "Rewrite in Keras 3 on the PyTorch backend" in rec.stack and "don't extend TF1" in rec.stack
    assert rec.notes[0].startswith("Don't extend the TF1 code")  # ...a clear call on leaving TF1


def test_case_24_tf1_code_without_keras_skills_is_rewritten_in_pytorch(chat: Chat) -> None:
    rec = consult(
        chat,
        "inherited a TF1 codebase (estimators, sessions) nobody understands, need to add features",
        use_case="text classification",
        skills="python",
        deployment="cloud api",
        hardware="nvidia",
        timeline="6 months",
        priorities="nothing else",
    )
    assert rec.verdict == "pytorch"
    assert any(note.startswith("Don't extend the TF1 code") for note in rec.notes)


def test_case_25_ros2_robots_on_intel_are_pytorch_with_openvino(chat: Chat) -> None:
    rec = consult(
        chat,
        "robotics startup, ROS2, intel NUCs w/ iGPU + a few Arc cards. pytorch-ish team",
        existing_stack="greenfield",
        timeline="6 months",
        priorities="nothing else",
    )
    assert chat.state.answers["skills"] == ["pytorch"]
    assert chat.state.answers["hardware"] == ["intel"]
    assert rec.verdict == "pytorch" and rec.confidence == "high"
    assert "XPU" in rec.stack and "OpenVINO" in rec.stack


# One conversation per deployment target, with an ordinary team (Python, no framework yet).
@pytest.mark.parametrize(
    ("target", "option", "verdict", "in_stack"),
    [
        ("a cloud API on kubernetes", "server", "pytorch", "Triton"),
        ("nightly batch jobs", "batch", "pytorch", "ONNX Runtime"),
        ("an android app", "android", "pytorch", "ExecuTorch"),
        ("an iOS app", "ios", "pytorch", "ExecuTorch on iOS"),
        ("in the browser", "browser", "pytorch", "ONNX Runtime Web"),
        ("an esp32 microcontroller", "microcontroller", "tensorflow", "LiteRT for Microcontrollers"),
        ("a coral edge tpu", "coral", "tensorflow", "edgetpu_compiler"),
        ("jetson orin", "jetson", "pytorch", "TensorRT"),
        ("a raspberry pi", "edge_linux", "pytorch", "ONNX Runtime"),
        ("notebooks only", "notebooks", "pytorch", "PyTorch"),
    ],
)
def test_each_deployment_target_gets_a_stack_that_fits_it(
    chat: Chat, target: str, option: str, verdict: str, in_stack: str
) -> None:
    rec = consult(
        chat,
        "hi",
        use_case="image classification",
        skills="python",
        existing_stack="greenfield",
        deployment=target,
        hardware="nvidia gpus",
        timeline="half a year",
        priorities="nothing else",
    )
    assert chat.state.answers["deployment"] == [option]
    assert rec.verdict == verdict
    assert in_stack in rec.stack


def test_a_keras_team_on_a_microcontroller_gets_tensorflow_and_litert_micro(chat: Chat) -> None:
    rec = consult(
        chat,
        "keras team, keyword spotting on an arduino",
        existing_stack="greenfield",
        hardware="our macbooks",
        timeline="no rush",
        priorities="nothing else",
    )
    assert rec.verdict == "tensorflow"
    assert "LiteRT for Microcontrollers" in rec.stack
    assert "ExecuTorch's Cortex-M backend is still beta" in everything(rec)


def test_a_pytorch_team_on_jetson_is_confidently_pytorch_and_tensorrt(chat: Chat) -> None:
    rec = consult(
        chat,
        "pytorch team, object detection on jetson orin",
        existing_stack="greenfield",
        hardware="nvidia",
        timeline="no rush",
        priorities="inference speed",
    )
    assert rec.verdict == "pytorch" and rec.confidence == "high"
    assert rec.stack == "PyTorch + Torch-TensorRT on JetPack"


def test_a_keras_team_shipping_android_soon_keeps_keras_and_exports_to_litert(chat: Chat) -> None:
    rec = consult(
        chat,
        "we are 3 keras devs shipping an android app in 6 weeks",
        use_case="image classification",
        existing_stack="greenfield",
        hardware="nvidia gpus",
        priorities="nothing else",
    )
    assert "Keras 3" in rec.stack and "LiteRT" in rec.stack
    assert "Keras no longer means TensorFlow" in everything(rec)
